// The portal's pages as tabs (WAI-ARIA tabs: arrow keys move between them, Tab moves into the page).
import { useRef, type KeyboardEvent } from 'react';
import { t } from '../i18n/i18n.ts';
import { PUBLIC_VIEWS, type View } from '../state/ui-state.ts';

/** The tab strip (editors get the field and review tabs too). */
export function Tabs({ view, onChange, views = PUBLIC_VIEWS }: { view: View; onChange: (v: View) => void; views?: readonly View[] }) {
  const s = t();
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const onKey = (e: KeyboardEvent, i: number) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const j = (i + step + views.length) % views.length;
    onChange(views[j]);
    refs.current[j]?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label={s.tabsLabel}>
      {views.map((v, i) => (
        <button
          key={v} ref={(el) => { refs.current[i] = el; }} type="button" role="tab" id={`tab-${v}`} data-view={v}
          aria-selected={view === v} aria-controls={`page-${v}`} tabIndex={view === v ? 0 : -1}
          onClick={() => onChange(v)} onKeyDown={(e) => onKey(e, i)}
        >
          {s.tabs[v]}
        </button>
      ))}
    </div>
  );
}
