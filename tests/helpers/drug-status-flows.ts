// The real flows that give Bản Nguồn (ml-05) a published drug status and then one pending publication, as the
// publication tests need them: an editor's import naming the report, and an admin's publish action on the report's
// sentence about that bản.
import { expect } from 'vitest';
import type { Client } from './session.ts';

/** Bản Nguồn, former Mường Lang: the report says it has not reached the drug-free standard. */
export const NGUON = 'ml-05';
const SECTION = 'Phần thứ hai I.7.2';
const QUOTE = 'Bản Nguồn chưa đạt tiêu chuẩn bản không có ma túy';

async function ok(c: Client, query: string, variables?: Record<string, unknown>) {
  const { body } = await c.gql(query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

/** An editor's import of Bản Nguồn's 2025 drug status, naming the report (which makes nothing public). */
export async function importNguonStatus(editor: Client, value: boolean): Promise<void> {
  const csv = `unit,indicator,period,value,source,section\n${NGUON},drugFree,2025,${value},report-2025,${SECTION}\n`;
  const data = await ok(editor, `mutation ($i: ObservationImportInput!) { importObservations(input: $i) { applied problems { code message } } }`,
    { i: { fileBase64: Buffer.from(csv).toString('base64'), format: 'CSV', dryRun: false, sourceNote: 'Số liệu bản 2025' } });
  expect(data.importObservations).toEqual({ applied: true, problems: [] });
}

/** The admin publishes Bản Nguồn's current 2025 drug status on the report's sentence (it must state "not achieved"). */
export async function publishNguonStatus(admin: Client): Promise<void> {
  const { observations } = await ok(admin, `{ observations(indicator: "drugFree", unitId: "${NGUON}") { period version } }`);
  const v = observations.find((o: { period: string }) => o.period === '2025').version;
  const data = await ok(admin, `mutation ($v: Int!) { publishObservation(unitId: "${NGUON}", indicator: "drugFree", period: "2025", expectedVersion: $v,
    document: "report-2025", section: "${SECTION}", quote: "${QUOTE}") { publication } }`, { v });
  expect(data.publishObservation.publication).toBe('PUBLISHED');
}
