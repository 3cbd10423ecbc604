// Short citations: each number shows "Nguồn [n] <section>", and the legend lists [n] → full document title.
// Where the report's own sentence is known, "Trích báo cáo" shows it on demand.
import { useState } from 'react';
import type { SourceRef } from '../api/types.ts';
import { local, refLabel, refWhere, t } from '../i18n/i18n.ts';

/** Documents cited in a panel, numbered in order of first use. */
export class SourceIndex {
  readonly docs: Array<{ doc: string; title: string }> = [];

  /** Register refs (in display order) and return this index. */
  add(...refs: Array<SourceRef | null | undefined>): this {
    for (const r of refs) if (r && !this.docs.some((d) => d.doc === r.doc)) this.docs.push({ doc: r.doc, title: local(r.title, r.titleEn) });
    return this;
  }

  /** 1-based number of a ref's document. */
  numberOf(ref: SourceRef): number {
    return this.docs.findIndex((d) => d.doc === ref.doc) + 1;
  }
}

/** Inline citation of one or more refs; the full label is in the title attribute. */
export function SourceCite({ refs, index }: { refs: Array<SourceRef | null | undefined>; index: SourceIndex }) {
  const unique = refs.filter((r, i): r is SourceRef => !!r && refs.findIndex((q) => q?.label === r.label) === i);
  if (unique.length === 0) return <span className="source no-source">{t().sourcePrefix}: {t().noSource}</span>;
  return (
    <span className="source" data-source-labels={unique.map((r) => r.label).join(' | ')}>
      {t().sourcePrefix}:{' '}
      {unique.map((r, i) => (
        <span key={r.label} className="cite" title={refLabel(r)}>
          {i > 0 && '; '}[{index.numberOf(r)}]{refWhere(r) ? ` ${refWhere(r)}` : ''}
        </span>
      ))}
      {/* every ref's quote: two facts of one section each keep their sentence */}
      <SourceQuote refs={refs} />
    </span>
  );
}

/**
 * The report's passages behind a value, shown on demand ("Trích báo cáo: “…”"), so a reader can see
 * the sentence a number came from. Nothing when no ref quotes the report. Inline (phrasing) content,
 * so it fits inside the source lines of every panel.
 */
export function SourceQuote({ refs }: { refs: Array<SourceRef | null | undefined> }) {
  const [open, setOpen] = useState(false);
  const quotes = [...new Set(refs.flatMap((r) => r?.quotes ?? []))];
  if (quotes.length === 0) return null;
  const s = t();
  return (
    <span className="source-quote">
      {' '}
      {/* A small “…” mark, so the source lines keep their size until a reader asks for the sentence. */}
      <button type="button" className="quote-toggle" aria-expanded={open} aria-label={open ? s.hideQuote : s.quoteFromReport}
        title={open ? s.hideQuote : s.quoteFromReport} onClick={() => setOpen(!open)}>“…”</button>
      {open && (
        <span className="quote-text" lang="vi">
          {' '}{s.quoteFromReport}: {quotes.map((q, i) => <span key={i}>{i > 0 && ' … '}<q>{q}</q></span>)}
        </span>
      )}
    </span>
  );
}

/** The numbered list of cited documents. */
export function SourceList({ index }: { index: SourceIndex }) {
  if (index.docs.length === 0) return null;
  return (
    <ol className="cited-docs">
      {index.docs.map((d, i) => (
        <li key={d.doc} data-doc={d.doc}>
          <span className="cite-no">[{i + 1}]</span> {d.title}
        </li>
      ))}
    </ol>
  );
}
