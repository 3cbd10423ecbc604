// The floating legend card: scrollable by keyboard (a focusable region), and collapsible to one line
// (collapsed at first on a phone, where the map needs the room, and when the window is narrowed to a phone's width).
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { t } from '../i18n/i18n.ts';
import { usePhoneScreen } from '../state/use-phone-screen.ts';

/** The card; `title` is the one line shown when collapsed (the indicator mapped). */
export function LegendCard({ title, children, cardRef }: { title: string; children: ReactNode; cardRef: RefObject<HTMLElement | null> }) {
  const s = t().legend;
  const phone = usePhoneScreen();
  const [open, setOpen] = useState(!phone);
  // Crossing the phone width folds (or unfolds) it as a page opened at that width would be; the person's own
  // choice holds until the next crossing.
  const wasPhone = useRef(phone);
  useEffect(() => {
    if (wasPhone.current !== phone) setOpen(!phone);
    wasPhone.current = phone;
  }, [phone]);
  return (
    <aside className={`legend-card${open ? '' : ' is-collapsed'}`} ref={cardRef} aria-label={s.cardLabel} tabIndex={0} role="region" data-open={open}>
      <button type="button" className="legend-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="legend-toggle-title">{open ? s.collapse : title}</span>
        <span aria-hidden="true">{open ? ' ▴' : ' ▾'}</span>
      </button>
      {/* Kept in the page when collapsed: the print layout shows it whatever the screen did. */}
      <div className="legend-body" hidden={!open}>{children}</div>
    </aside>
  );
}
