// The print layout: the page laid out as the paper will be (A4 portrait or landscape) before the
// browser prints, so the map can be refitted to the paper's map frame and drawn (map 'idle') first.
// Chromium's beforeprint comes too late for the map to redraw; the print button uses this instead, and
// beforeprint (Ctrl-P) switches to it as a fallback.
export type PrintOrientation = 'portrait' | 'landscape';

const PAGE_STYLE = 'atlas-print-page';

/** The orientation laid out, or null on screen. */
export function printLayout(): PrintOrientation | null {
  const c = document.documentElement.classList;
  return c.contains('print-landscape') ? 'landscape' : c.contains('print-portrait') ? 'portrait' : null;
}

/** Lay the page out for paper (CSS: html.print-layout) and set the @page size to match. */
export function enterPrintLayout(orientation: PrintOrientation): void {
  const c = document.documentElement.classList;
  c.remove('print-portrait', 'print-landscape');
  c.add('print-layout', `print-${orientation}`);
  let style = document.getElementById(PAGE_STYLE);
  if (!style) {
    style = document.createElement('style');
    style.id = PAGE_STYLE;
    document.head.append(style);
  }
  style.textContent = `@page { size: A4 ${orientation}; margin: 10mm; }`;
}

/** Back to the screen layout. */
export function exitPrintLayout(): void {
  document.documentElement.classList.remove('print-layout', 'print-portrait', 'print-landscape');
  document.getElementById(PAGE_STYLE)?.remove();
}
