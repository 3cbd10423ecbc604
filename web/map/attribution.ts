// Attribution of the boundary data: which document the commune outline comes from, and its licence.
import type { Commune, SourceDocument } from '../api/types.ts';
import { local, t } from '../i18n/i18n.ts';
import { escapeHtml } from './escape-html.ts';

export interface BoundaryAttribution {
  /** The source document when commune.boundarySource names one (by id or title). */
  document: SourceDocument | null;
  /** One line for people: "Ranh giới xã: <title> (<publisher>) · Giấy phép: <licence>". */
  text: string;
}

/** Resolve commune.boundarySource against the sources list. */
export function boundaryAttribution(commune: Commune, sources: SourceDocument[]): BoundaryAttribution {
  const key = commune.boundarySource.trim();
  const document =
    sources.find((s) => s.id === key) ??
    sources.find((s) => s.title === key) ??
    sources.find((s) => key.includes(s.id) || key.includes(s.title)) ??
    null;
  const parts: string[] = [];
  if (document) {
    const title = local(document.title, document.titleEn);
    parts.push(document.publisher ? `${title} (${local(document.publisher, document.publisherEn)})` : title);
    if (document.licence) parts.push(`${t().licence}: ${local(document.licence, document.licenceEn)}`);
  } else {
    parts.push(key);
  }
  return { document, text: `${t().boundarySource}: ${parts.join(' · ')}` };
}

/** The attribution strings given to MapLibre (HTML-escaped). */
export function mapAttributions(commune: Commune, sources: SourceDocument[]): { commune: string; villages: string } {
  return {
    commune: escapeHtml(boundaryAttribution(commune, sources).text),
    villages: escapeHtml(`${t().villageCellsAttribution}: ${t().quality.SCHEMATIC}`),
  };
}
