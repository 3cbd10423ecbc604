import { badInput } from '../errors.ts';

/** The most items one page of a list query returns (villages, villagesNear, observations, history). */
export const PAGE_CAP = 100;

/** Refuse a limit above the cap (or below 0) and a negative offset, with the argument named. */
export function checkPage(limit: number, offset: number): void {
  if (limit < 0 || limit > PAGE_CAP) throw badInput('limit', `limit phải từ 0 đến ${PAGE_CAP}`, `limit must be between 0 and ${PAGE_CAP}`);
  if (offset < 0) throw badInput('offset', 'offset không được âm', 'offset must not be negative');
}

/** One page of a list: at most `limit` items after skipping `offset`. */
export function page<T>(items: T[], limit: number, offset: number): T[] {
  checkPage(limit, offset);
  return items.slice(offset, offset + limit);
}
