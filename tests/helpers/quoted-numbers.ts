// Reads numbers the way the report writes them and the way our formulas write them, so that
// tests/seeds.test.ts can check each seed value against the quote it rests on.

/**
 * Numbers in Vietnamese text: "12.831" (thousands dot), "56,1" / "83,3%" (decimal comma),
 * "7/7" (both sides), "08" (leading zero), "20tr".
 */
export function vietnameseNumbersIn(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/(?<![\d.,])\d+(?:\.\d{3})*(?:,\d+)?(?![\d])/g)) {
    out.push(Number(m[0].replace(/\./g, '').replace(',', '.')));
  }
  return out;
}

/** The quoted passages of a source: `quote`, or `quotes` when one sentence does not hold every input. */
export function quotesOf(source: { quote?: string; quotes?: string[] }): string[] {
  return [...(source.quote ? [source.quote] : []), ...(source.quotes ?? [])];
}

/** True when `value` is written in one of the quotes (numbers compared, not spellings). */
export function quoted(value: number, quotes: string[]): boolean {
  return quotes.some((q) => vietnameseNumbersIn(q).some((n) => Math.abs(n - value) < 1e-9));
}

/**
 * The inputs a DERIVED formula names: the numbers left of its first "=" (the whole formula when it has
 * none), written the English way ("11,420", "56.1%"), except passages it cites in double quotes, which
 * keep the report's spelling ("1,211 tỷ đồng" is 1.211). Section references ("Phần thứ hai I.6.2",
 * "(14)") and the arithmetic constants of a unit change or a rate ("÷ 100", "× 1000", "1 +") are not inputs.
 */
export function formulaInputs(formula: string): number[] {
  const cited: number[] = [];
  const left = formula.split('=')[0]
    .replace(/"([^"]*)"/g, (_, passage: string) => { cited.push(...vietnameseNumbersIn(passage)); return ' '; })
    .replace(/Phần thứ \S+ [IVX]+(?:\.\d+)*(?: \(\d+\))?/g, ' ')
    .replace(/\b[IVX]+(?:\.\d+)+/g, ' ')
    .replace(/\(\d+\)/g, ' ')
    .replace(/÷ 100\b(?![\d.,])/g, ' ')
    .replace(/× 1000\b(?![\d.,])/g, ' ')
    .replace(/\(1 \+/g, '(')
    // "grossOutput 2024 19.092": the year after an indicator key names the input's period, not a figure
    .replace(/(?<=\b[a-z]+[A-Z][A-Za-z]* )(?:19|20)\d\d(?:-(?:19|20)\d\d)?(?= \d)/g, ' ');
  const out: number[] = [];
  for (const m of left.matchAll(/(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])|(?<![\w.,])\d+(?:\.\d+)?(?![\d])/g)) {
    out.push(Number(m[0].replace(/,/g, '')));
  }
  return [...cited, ...out];
}
