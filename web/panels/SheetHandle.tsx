// On a phone the panel is a bottom sheet with three heights: peek (the map keeps most of the screen),
// half and full. The handle is dragged (pointer) or its buttons pressed (keyboard); CSS does the rest.
import { useRef, type PointerEvent } from 'react';
import { t } from '../i18n/i18n.ts';

export type SheetSize = 'peek' | 'half' | 'full';
export const SHEET_SIZES: readonly SheetSize[] = ['peek', 'half', 'full'];
/** Height of each size as a share of the screen (styles.css uses the same figures). */
const SHARE: Record<SheetSize, number> = { peek: 0.3, half: 0.55, full: 0.92 };

/** The size nearest to a sheet top at `y` pixels from the top of a screen `height` tall. */
export function nearestSize(y: number, height: number): SheetSize {
  const share = 1 - y / height;
  return SHEET_SIZES.reduce((best, s) => (Math.abs(SHARE[s] - share) < Math.abs(SHARE[best] - share) ? s : best), 'peek' as SheetSize);
}

/** The drag handle and the three size buttons. */
export function SheetHandle({ size, onSize, sheet }: { size: SheetSize; onSize: (s: SheetSize) => void; sheet: React.RefObject<HTMLElement | null> }) {
  const s = t().sheet;
  const dragging = useRef(false);
  const onDown = (e: PointerEvent<HTMLDivElement>) => {
    dragging.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current || !sheet.current) return;
    // Follow the finger; the sheet snaps to the nearest size when let go.
    sheet.current.style.height = `${Math.max(80, window.innerHeight - e.clientY)}px`;
  };
  const onUp = (e: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current) return;
    dragging.current = false;
    if (sheet.current) sheet.current.style.height = '';
    onSize(nearestSize(e.clientY, window.innerHeight));
  };
  return (
    <div className="sheet-handle" data-size={size}>
      <div className="sheet-grip" aria-hidden="true" onPointerDown={onDown} onPointerMove={onMove} onPointerUp={onUp} onPointerCancel={onUp} />
      <div className="sheet-sizes" role="group" aria-label={s.label}>
        {SHEET_SIZES.map((x) => (
          <button key={x} type="button" className="btn sheet-size" data-size={x} aria-pressed={size === x} onClick={() => onSize(x)}>{s[x]}</button>
        ))}
      </div>
    </div>
  );
}
