// The SQLite store's answer to nationalCommunes: the in-memory national index (an R-tree over the outlines' boxes,
// folded search keys), filtered and paged by code as PostgreSQL's national_communes table answers it (pg-national.ts).
import type { NationalCommuneFilter, NationalCommunePage, NationalCommuneRecord } from '../store/atlas-store.ts';
import { nationalIndex, type IndexedCommune } from './national-index.ts';

const record = ({ bbox: _bbox, folded: _folded, ...c }: IndexedCommune): NationalCommuneRecord => c;

/** The communes of the index matching the filter, by code; one page of them when `page` is given. */
export function indexCommunePage(filter: NationalCommuneFilter, page?: { first: number; after: string | null }): NationalCommunePage {
  const index = nationalIndex();
  let matched: IndexedCommune[] = filter.bbox ? index.inBox(filter.bbox) : index.communes;
  if (filter.province) matched = matched.filter((c) => c.provinceCode === filter.province);
  if (filter.search) {
    const found = new Set(index.search(filter.search));
    matched = matched.filter((c) => found.has(c));
  }
  const rest = page?.after ? matched.filter((c) => c.code > page.after!) : matched;
  const shown = page ? rest.slice(0, page.first) : rest;
  return { totalCount: matched.length, communes: shown.map(record), hasNextPage: rest.length > shown.length };
}
