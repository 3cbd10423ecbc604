// Every report passage the seeds quote, and which of them the report's full text does not contain.
// Used by `npm run verify-sources` (server/cli/verify-sources.ts); pure, so it can be tested without the report.
import type { SeedBundle } from './seed-bundle.ts';
import type { SourceRef } from './seed-types.ts';

/** One quoted passage and the seed fact that carries it. */
export interface SeedQuote {
  file: string;
  /** 1-based row in the file, as validateSeeds counts them. */
  row: number;
  /** The fact, e.g. "fc-muong-lang drugFree 2025" or "target 14" or "tdc-suoi-dinh.settledPeople". */
  fact: string;
  quote: string;
}

/** Text as the quotes are written: NFC, every whitespace run folded to one space, trimmed. */
export const foldReportText = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim();

const passages = (ref: SourceRef | null | undefined): string[] =>
  ref ? [...(ref.quote !== undefined ? [ref.quote] : []), ...(ref.quotes ?? [])] : [];

/** Every quote in a seed bundle, whatever its status, each naming file, row and fact. */
export function seedQuotes(b: SeedBundle): SeedQuote[] {
  const out: SeedQuote[] = [];
  const add = (file: string, row: number, fact: string, ref: SourceRef | null | undefined) => {
    for (const quote of passages(ref)) out.push({ file, row, fact, quote });
  };
  add('commune.json', 1, `${b.commune.id} founding`, b.commune.founding?.source);
  for (const [field, p] of Object.entries(b.commune.provenance ?? {})) add('commune.json', 1, `${b.commune.id} ${field}`, p.source);
  b.formerCommunes.forEach((f, i) => {
    for (const [field, p] of Object.entries(f.provenance ?? {})) add('former-communes.json', i + 1, `${f.id} ${field}`, p.source);
  });
  b.observations.forEach((o, i) => add('observations.json', i + 1, `${o.unit} ${o.indicator} ${o.period}`, o.source));
  b.targets.forEach((t, i) => add('targets.json', i + 1, `target ${t.no}`, t.source));
  b.places.forEach((p, i) => {
    add('places.json', i + 1, p.id, p.source);
    for (const [k, a] of Object.entries(p.attributes)) add('places.json', i + 1, `${p.id}.${k}`, a.source);
  });
  return out;
}

/** The quotes of a bundle that do not occur in the report's full text (both compared NFC, whitespace-folded). */
export function quotesNotInReport(b: SeedBundle, reportText: string): SeedQuote[] {
  const report = foldReportText(reportText);
  return seedQuotes(b).filter((q) => !report.includes(foldReportText(q.quote)));
}
