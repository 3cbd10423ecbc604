// Printing the ranking: the page is switched to the ranking sheet (html.print-ranking, A4 portrait)
// until the browser has printed.
const PAGE_STYLE = 'atlas-print-ranking-page';

/** Whether the ranking sheet is what prints. */
export function printingRanking(): boolean {
  return document.documentElement.classList.contains('print-ranking');
}

/** Lay the page out as the ranking sheet and print it; the screen layout comes back after printing. */
export function printRanking(): void {
  document.documentElement.classList.add('print-ranking');
  let style = document.getElementById(PAGE_STYLE);
  if (!style) {
    style = document.createElement('style');
    style.id = PAGE_STYLE;
    document.head.append(style);
  }
  style.textContent = '@page { size: A4 portrait; margin: 12mm; }';
  const done = () => {
    document.documentElement.classList.remove('print-ranking');
    document.getElementById(PAGE_STYLE)?.remove();
  };
  window.addEventListener('afterprint', done, { once: true });
  window.print();
}
