// The public map of a commune that recorded many years of its former communes' figures, over the real server and
// SQLite file: an editor's import of 3,600 such rows (3 former communes × 40 indicators × 30 years) makes the page's
// boot values weigh more than the 2 MB anonymous answer cap. The page's own GET by persisted id still answers them
// (it runs a fixed document, once per data version: no amplification), while an anonymous POST of the same document,
// which could be any document, is still refused with RESPONSE_TOO_LARGE.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSISTED_IDS } from '../web/api/persisted-ids.ts';
import { READ_HEADERS } from '../web/api/offline-reads.ts';
import { createUserWithCli, signedIn } from './helpers/session.ts';
import { gql, startServer, type RunningServer } from './helpers/start-server.ts';

const CAP = 2 * 1024 * 1024; // server/config.ts's default
/** The page's boot-values document, as the persisted-operation manifest holds it. */
const BOOT_VALUES_DOCUMENT = (JSON.parse(readFileSync(new URL('../server/persisted-operations.json', import.meta.url), 'utf8')) as Record<string, string>)[PERSISTED_IDS.AtlasBootValues];
const FORMER = ['fc-muong-bang', 'fc-muong-do', 'fc-muong-lang'];
const YEARS = 30;
const EDITOR = { name: 'nhieunam', password: 'mat-khau-nhieu-nam-2026' };
let server: RunningServer;
/** What was imported for each former commune, indicator and year. */
const imported = new Map<string, number>();

const bootValuesGet = () => {
  const params = new URLSearchParams({ operationName: 'AtlasBootValues', extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: PERSISTED_IDS.AtlasBootValues } }) });
  return fetch(new URL(`graphql?${params}`, server.url), { headers: READ_HEADERS });
};

beforeAll(async () => {
  server = await startServer();
  createUserWithCli(server.dataDir, EDITOR.name, EDITOR.password, 'editor');
  const { body } = await gql(server, '{ indicators { key kind levels } }');
  const keys = (body.data.indicators as Array<{ key: string; kind: string; levels: string[] }>)
    .filter((i) => i.kind !== 'boolean' && i.levels.includes('formerCommune')).slice(0, 40).map((i) => i.key);
  expect(keys).toHaveLength(40);
  const rows = ['unit,indicator,period,value,status,formula'];
  for (const unit of FORMER) {
    for (const [k, key] of keys.entries()) {
      for (let y = 0; y < YEARS; y++) {
        const value = 10 + (k % 20) + y; // within 0–100: some are shares
        imported.set(`${unit}|${key}|${1990 + y}`, value);
        rows.push(`${unit},${key},${1990 + y},${value},ESTIMATED,Ước tính từ báo cáo năm của xã cũ`);
      }
    }
  }
  const editor = await signedIn(server, EDITOR.name, EDITOR.password);
  const { body: applied } = await editor.gql('mutation ($i: ObservationImportInput!) { importObservations(input: $i) { applied rowsValid problems { message } } }',
    { i: { fileBase64: Buffer.from(rows.join('\n')).toString('base64'), format: 'CSV', dryRun: false, sourceNote: 'Số liệu các năm của xã cũ' } });
  expect(applied.errors).toBeUndefined();
  expect(applied.data.importObservations).toEqual({ applied: true, rowsValid: FORMER.length * 40 * YEARS, problems: [] });
}, 180_000);
afterAll(async () => { await server?.stop(); });

describe('boot values over the anonymous answer cap', () => {
  it('the page\'s GET by persisted id answers them all (200), beyond the cap', async () => {
    const res = await bootValuesGet();
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBe(200);
    expect(text.length).toBeGreaterThan(CAP);
    const { data, errors } = JSON.parse(text);
    expect(errors).toBeUndefined();
    const series = Object.values(data).filter(Array.isArray).flat() as Array<{ unitId?: string; indicator?: string; period?: string; value?: number }>;
    const found = new Set<string>(); // every period is in the series; the newest is also among the latest values
    for (const o of series) {
      const key = `${o.unitId}|${o.indicator}|${o.period}`;
      if (!imported.has(key)) continue;
      expect(o.value, key).toBe(imported.get(key));
      found.add(key);
    }
    expect(found.size).toBe(imported.size);
    // Kept once for the data version: asked again, it is the same answer, revalidated with its tag.
    const again = await fetch(new URL(res.url), { headers: { ...READ_HEADERS, 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('an anonymous POST of the same document is refused with RESPONSE_TOO_LARGE: the cap stands for any other request', async () => {
    const { status, body } = await gql(server, BOOT_VALUES_DOCUMENT);
    expect(status).toBe(413);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'RESPONSE_TOO_LARGE', max: CAP });
  });
});
