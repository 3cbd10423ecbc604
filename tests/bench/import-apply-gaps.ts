// `npx tsx tests/bench/import-apply-gaps.ts` (FORMAT=XLSX for the soak's workbook): what an applied 4,999-row observation import does to the event loop
// of a SQLite portal, measured in process on the real store (a fresh seeded file): the longest gaps between turns
// of the loop (a 1 ms timer), the longest stretch of the request thread's own CPU time between two turns (Linux:
// /proc/self/task/<pid>/schedstat; what the machine's other load does not inflate), the garbage collections (kind and pause), the CPU time and the wall-clock time of each
// import. Alternate it with the code before a change (same script, same run) to compare; never asserted in a test.
// It runs with the node flags of `npm start` (its 4 MB young generation: node's default 16 MB made scavenges of
// 90–170 ms here that the portal does not have), starting itself again with them when they are missing.
// PROFILE=1 also takes a CPU profile of the request thread over all imports and names, for each gap over 20 ms, what
// its samples were doing (the leaf function and the nearest frame of the portal's own code), the longest first.
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import ExcelJS from 'exceljs';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { Session } from 'node:inspector/promises';
import { openStore } from '../../server/store/open-store.ts';
import { importObservationFile } from '../../server/imports/observation-import.ts';
import { startReader } from '../../server/imports/read-off-thread.ts';
import { config } from '../../server/config.ts';

const START_NODE_FLAGS = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).scripts.start as string)
  .match(/exec node (.*?)\s*dist\/server\/main\.js/)![1].split(/\s+/).filter(Boolean);
const missing = START_NODE_FLAGS.filter((f) => !process.execArgv.includes(f));
if (missing.length > 0) {
  const again = spawnSync(process.execPath, [...missing, ...process.execArgv, process.argv[1]], { stdio: 'inherit' });
  process.exit(again.status ?? 1);
}

const IMPORTS = Number(process.env.IMPORTS ?? 6);
const PROFILE = process.env.PROFILE === '1';
/** Monotonic µs, the clock of V8's CPU profiles. */
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] }

/** For each gap [from, to] (µs), the causes its samples name, in ms, the largest first. */
function causesOf(profile: CpuProfile, gaps: { from: number; to: number }[]): { ms: number; causes: string[] }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const own = (url: string) => /\/(server|geo)\//.test(url) && !url.includes('node_modules');
  const label = (id: number) => {
    const leaf = byId.get(id)!.callFrame;
    let ours: ProfileNode['callFrame'] | null = null;
    for (let at: number | undefined = id; at !== undefined && !ours; at = parent.get(at)) if (own(byId.get(at)!.callFrame.url)) ours = byId.get(at)!.callFrame;
    const name = (f: ProfileNode['callFrame']) => `${f.functionName || '(anonymous)'}${f.url ? ` ${f.url.split('/').slice(-1)[0]}:${f.lineNumber + 1}` : ''}`;
    return `${name(leaf)}${ours && ours !== leaf ? ` ← ${name(ours)}` : ''}`;
  };
  let t = profile.startTime;
  const samples = profile.samples.map((id, i) => ({ id, t: (t += profile.timeDeltas[i]), dt: profile.timeDeltas[i + 1] ?? 0 }));
  const total = new Map<string, number>();
  for (const s of samples) {
    let ours = 'other';
    for (let at: number | undefined = s.id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)!.callFrame;
      if (own(f.url)) { ours = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-1)[0]}`; break; }
      if (f.functionName === '(garbage collector)' || f.functionName === '(idle)') { ours = f.functionName; break; }
    }
    total.set(ours, (total.get(ours) ?? 0) + s.dt / 1000);
  }
  console.log(`  request thread by function: ${[...total].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([l, ms]) => `${l} ${Math.round(ms)} ms`).join('; ')}`);
  return gaps.map((g) => {
    const sums = new Map<string, number>();
    for (const s of samples) if (s.t >= g.from && s.t <= g.to) sums.set(label(s.id), (sums.get(label(s.id)) ?? 0) + s.dt / 1000);
    return { ms: Math.round((g.to - g.from) / 1000), causes: [...sums].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([l, ms]) => `${Math.round(ms)} ms ${l}`) };
  });
}
/** CSV (default) or XLSX: the soak's two files. */
const FORMAT = process.env.FORMAT === 'XLSX' ? 'XLSX' : 'CSV';
/** The CPU time of this process's main thread so far, in ms (NaN where /proc is not there). */
const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;
const threadCpuMs = existsSync(SCHEDSTAT) ? () => Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]) / 1e6 : () => NaN;

/** The soak's CSV (tests/bench/amplification-soak.ts): 4,999 rows with long notes; the n-th file gives every row a new value. */
function csv(n: number): string {
  const long = 'ghi chú dài '.repeat(34);
  const rows = Array.from({ length: 4999 }, (_, i) => `mb-0${1 + (i % 9)},population,${3000 + i},${100 + i + n},"${long}","${long}"`);
  return Buffer.from(['unit,indicator,period,value,note,formula', ...rows].join('\n')).toString('base64');
}

/** Letters of Vietnamese text: notes drawn from them do not compress away (the soak's workbook, a few MB zipped). */
const LETTERS = 'aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ ';
const noteText = (length: number) => Array.from({ length }, () => LETTERS[randomInt(LETTERS.length)]).join('');

/** The soak's XLSX workbook (tests/bench/amplification-soak.ts): the same 4,999 rows, notes of varied letters. */
async function workbook(n: number): Promise<string> {
  const notes = Array.from({ length: 5000 }, () => noteText(480));
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Số liệu');
  sheet.addRow(['unit', 'indicator', 'period', 'value', 'note', 'formula']);
  for (let i = 0; i < 4999; i++) sheet.addRow([`mb-0${1 + (i % 9)}`, 'population', 3000 + i, 100 + i + n, notes[i], notes[i + 1]]);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge', [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'atlas-apply-gaps-'));
  const { store } = await openStore(dataDir, config.seedDir, { allowNew: true });
  startReader();
  const files = FORMAT === 'XLSX' ? [await workbook(0), await workbook(1)] : [csv(0), csv(1)];
  const gcs: { kind: string; ms: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcs.push({ kind: GC_KINDS[(e as unknown as { detail: { kind: number } }).detail.kind] ?? 'other', ms: e.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  const rows: Record<string, number>[] = [];
  const session = new Session();
  if (PROFILE) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 250 });
    await session.post('Profiler.start'); // once: starting it holds the thread for 100–300 ms, which no import should count
  }
  /** Gaps over 20 ms of every import, matched to the profile at the end. */
  const longGaps: { from: number; to: number }[] = [];
  try {
    for (let n = 0; n < IMPORTS; n++) {
      const gaps: number[] = [];
      const cpuStretches: number[] = [];
      let last = performance.now();
      let lastUs = nowUs();
      let lastCpu = threadCpuMs();
      const timer = setInterval(() => {
        const now = performance.now();
        const cpuNow = threadCpuMs();
        if (now - last > 20) longGaps.push({ from: lastUs, to: nowUs() });
        lastUs = nowUs();
        gaps.push(now - last);
        cpuStretches.push(cpuNow - lastCpu);
        last = now;
        lastCpu = cpuNow;
      }, 1);
      gcs.length = 0;
      const cpu = process.cpuUsage();
      const threadCpu = threadCpuMs();
      const start = performance.now();
      const report = await importObservationFile(store, { fileBase64: files[n % 2], format: FORMAT, dryRun: false, sourceNote: 'đo độ trễ', why: null }, 'bench');
      const wallMs = performance.now() - start;
      const used = process.cpuUsage(cpu);
      clearInterval(timer);
      if (!report.applied || report.changes.length !== 4999) throw new Error(`import ${n} not applied in full: ${JSON.stringify(report.problems.slice(0, 2))}`);
      await new Promise((r) => setTimeout(r, 50)); // the observer's last entries
      gaps.sort((a, b) => b - a);
      cpuStretches.sort((a, b) => b - a);
      const major = gcs.filter((g) => g.kind === 'mark-compact');
      const row = {
        import: n, wallMs: Math.round(wallMs), cpuMs: Math.round((used.user + used.system) / 1000), requestThreadCpuMs: Math.round(threadCpuMs() - threadCpu),
        longestCpuStretchMs: Math.round(cpuStretches[0]), secondCpuStretchMs: Math.round(cpuStretches[1] ?? 0), cpuStretchesOver50: cpuStretches.filter((c) => c > 50).length,
        longestGapMs: Math.round(gaps[0]), secondGapMs: Math.round(gaps[1] ?? 0), gapsOver50: gaps.filter((g) => g > 50).length, gapsOver20: gaps.filter((g) => g > 20).length,
        gcCount: gcs.length, gcMs: Math.round(gcs.reduce((s, g) => s + g.ms, 0)), gcLongestMs: Math.round(Math.max(0, ...gcs.map((g) => g.ms))), majorGcs: major.length, majorGcMs: Math.round(major.reduce((s, g) => s + g.ms, 0)),
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
    if (PROFILE) {
      const { profile } = await session.post('Profiler.stop') as unknown as { profile: CpuProfile };
      for (const g of causesOf(profile, longGaps).sort((a, b) => b.ms - a.ms)) console.log(`  gap ${g.ms} ms: ${g.causes.join('; ')}`);
    }
  } finally {
    observer.disconnect();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  // The first import warms the code up: the summary is over the others.
  const rest = rows.slice(1);
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log('summary (imports 2…):', JSON.stringify({
    longestCpuStretchMs: Math.max(...rest.map((r) => r.longestCpuStretchMs)), medianLongestCpuStretchMs: median(rest.map((r) => r.longestCpuStretchMs)),
    longestGapMs: Math.max(...rest.map((r) => r.longestGapMs)), medianLongestGapMs: median(rest.map((r) => r.longestGapMs)),
    medianCpuMs: median(rest.map((r) => r.cpuMs)), medianRequestThreadCpuMs: median(rest.map((r) => r.requestThreadCpuMs)), medianGcMs: median(rest.map((r) => r.gcMs)), medianWallMs: median(rest.map((r) => r.wallMs)), majorGcs: rest.reduce((s, r) => s + r.majorGcs, 0),
  }));
  process.exit(0);
}

main().catch((e) => { console.error(e); process.exit(1); });
