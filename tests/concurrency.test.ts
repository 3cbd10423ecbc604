// Editors changing the same thing at the same moment, over real HTTP: in every round exactly one edit wins,
// every other gets CONFLICT, and nothing is lost — the final version is the number of wins, the history
// has one entry per win, and the stored value is the last winner's.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { team } from './helpers/team.ts';
import type { Client } from './helpers/session.ts';

let server: RunningServer;
let editors: Client[];
let viewer: Client;

beforeAll(async () => {
  server = await startServer();
  const users = await team(server, [['editor2', 'editor'], ['editor3', 'editor'], ['editor4', 'editor']]);
  editors = [users.editor, users.editor2, users.editor3, users.editor4];
  viewer = users.viewer;
}, 120_000);
afterAll(async () => { await server?.stop(); });

const SET = 'mutation ($i: ObservationEdit!) { setObservation(input: $i) { value version enteredBy } }';

/** Fire every request at once; each answer is a win (the data) or a refusal (its code). */
async function race<T>(sends: Array<() => Promise<{ body: { data?: any; errors?: any[] } }>>, pick: (data: any) => T) {
  const answers = await Promise.all(sends.map((s) => s()));
  const wins = answers.flatMap((a, i) => (a.body.errors ? [] : [{ who: i, data: pick(a.body.data) }]));
  const codes = answers.flatMap((a) => (a.body.errors ? [a.body.errors[0].extensions.code as string] : []));
  return { wins, codes };
}

describe('two editors, one value, same version', () => {
  it('exactly one wins each round, the other gets CONFLICT; no update is lost', async () => {
    const ROUNDS = 60;
    const base = { unitId: 'fc-muong-lang', indicator: 'poorHouseholds', period: '2030', sourceNote: 'Sổ hộ nghèo (thử đồng thời)' };
    let version = 0;
    let last: { value: number; who: string } | null = null;
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b] = [editors[0], editors[1]];
      const { wins, codes } = await race([
        () => a.gql(SET, { i: { ...base, value: 1000 + round, expectedVersion: version } }),
        () => b.gql(SET, { i: { ...base, value: 2000 + round, expectedVersion: version } }),
      ], (d) => d.setObservation);
      expect(wins, `round ${round}`).toHaveLength(1);
      expect(codes).toEqual(['CONFLICT']);
      expect(wins[0].data.version).toBe(version + 1);
      version = wins[0].data.version;
      last = { value: wins[0].data.value, who: wins[0].data.enteredBy };
    }
    const { body } = await viewer.gql(`{ observations(unitId: "fc-muong-lang", indicator: "poorHouseholds") { period value version enteredBy } }`);
    expect(body.data.observations.find((o: { period: string }) => o.period === '2030')).toEqual({ period: '2030', value: last!.value, version: ROUNDS, enteredBy: last!.who });
    const history = (await viewer.gql(`{ history(unitId: "fc-muong-lang") { field newValue } }`)).body.data.history
      .filter((c: { field: string }) => c.field === 'poorHouseholds@2030');
    expect(history).toHaveLength(ROUNDS);
    expect(history.at(-1).newValue.value).toBe(last!.value);
  });

  it('four editors at once: one wins, three get CONFLICT, every round', async () => {
    const ROUNDS = 30;
    const base = { unitId: 'fc-muong-do', indicator: 'povertyRate', period: '2030', sourceNote: 'Rà soát (thử đồng thời)' };
    let version = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const { wins, codes } = await race(editors.map((e, i) => () => e.gql(SET, { i: { ...base, value: (round * 4 + i) % 100, expectedVersion: version } })), (d) => d.setObservation);
      expect(wins).toHaveLength(1);
      expect(codes).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
      version = wins[0].data.version;
    }
    expect(version).toBe(ROUNDS);
    const history = (await viewer.gql(`{ history(unitId: "fc-muong-do") { field } }`)).body.data.history.filter((c: { field: string }) => c.field === 'povertyRate@2030');
    expect(history).toHaveLength(ROUNDS);
  });

  it('a bản name: one of two concurrent renames wins, the bản version counts the wins', async () => {
    const ROUNDS = 20;
    const start = (await viewer.gql(`{ unit(id: "md-03") { version } }`)).body.data.unit.version as number;
    let version = start;
    const NAME = 'mutation ($i: VillageNameEdit!) { nameVillage(input: $i) { name version } }';
    let lastName = '';
    for (let round = 0; round < ROUNDS; round++) {
      const { wins, codes } = await race([0, 1].map((i) => () => editors[i].gql(NAME, {
        i: { villageId: 'md-03', name: `Thử ${i === 0 ? 'A' : 'B'} ${round}`, sourceNote: 'Danh sách (thử đồng thời)', expectedVersion: version },
      })), (d) => d.nameVillage);
      expect(wins).toHaveLength(1);
      expect(codes).toEqual(['CONFLICT']);
      version = wins[0].data.version;
      lastName = wins[0].data.name;
    }
    expect(version).toBe(start + ROUNDS);
    const unit = (await viewer.gql(`{ unit(id: "md-03") { name version } }`)).body.data.unit;
    expect(unit).toEqual({ name: lastName, version: start + ROUNDS });
    const history = (await viewer.gql(`{ history(unitId: "md-03") { field } }`)).body.data.history.filter((c: { field: string }) => c.field === 'name');
    expect(history).toHaveLength(ROUNDS);
  });
});

describe('two officers import over the same rows, each after a dry run of the same data', () => {
  const IMPORT = 'mutation ($i: ObservationImportInput!) { importObservations(input: $i) { applied dataVersion changes { unitId } } }';
  const file = (value: number, round: number) => Buffer.from(
    ['Mã bản,Chỉ tiêu,Năm,Giá trị', `fc-muong-bang,poorHouseholds,${2100 + round},${value}`, `ml-02,population,${2100 + round},${value * 10}`].join('\n')).toString('base64');

  it('one apply wins each round; the other gets CONFLICT naming the rows and writes nothing', async () => {
    const ROUNDS = 10;
    for (let round = 0; round < ROUNDS; round++) {
      const files = [file(100 + round, round), file(200 + round, round)];
      const dry = await Promise.all(files.map((f, i) => editors[i].gql(IMPORT, { i: { fileBase64: f, format: 'CSV', dryRun: true, sourceNote: 'Sổ (thử đồng thời)' } })));
      const checked = dry.map((d) => d.body.data.importObservations.dataVersion);
      expect(checked[0]).toBe(checked[1]);
      const answers = await Promise.all(files.map((f, i) => editors[i].gql(IMPORT, {
        i: { fileBase64: f, format: 'CSV', dryRun: false, sourceNote: 'Sổ (thử đồng thời)', expectedDataVersion: checked[i] } })));
      const wins = answers.flatMap((a, i) => (a.body.errors ? [] : [i]));
      expect(wins, `round ${round}`).toHaveLength(1);
      const lost = answers[1 - wins[0]].body.errors![0];
      expect(lost.extensions.code).toBe('CONFLICT');
      expect(lost.extensions.conflicts.map((c: { row: number; unitId: string }) => [c.row, c.unitId])).toEqual([[2, 'fc-muong-bang'], [3, 'ml-02']]);
      const stored = (await viewer.gql(`{ observations(unitId: "ml-02", indicator: "population") { period value } }`)).body.data.observations
        .find((o: { period: string }) => o.period === `${2100 + round}`);
      expect(stored.value).toBe((wins[0] === 0 ? 100 + round : 200 + round) * 10);
      const history = (await viewer.gql(`{ history(unitId: "fc-muong-bang") { field } }`)).body.data.history
        .filter((c: { field: string }) => c.field === `poorHouseholds@${2100 + round}`);
      expect(history).toHaveLength(1);
    }
  });
});
