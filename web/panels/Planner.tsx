// The planner: weights per criterion → a priority ranking of bản for road or school investment,
// exported as CSV; and a what-if: mark bản as achieving an indicator (a road reaches them) and see
// coverage and the 2030 target's status change before anything is saved.
import { useEffect, useMemo, useState } from 'react';
import type { AtlasData } from '../api/atlas-data.ts';
import { formatDecimal, formatPercentValue, formatRatio } from '../format/number.ts';
import { indicatorName, t } from '../i18n/i18n.ts';
import { villageTitle } from '../map/tooltip.ts';
import type { ObservationIndex } from '../model/observation-index.ts';
import { criteriaFor, defaultWeights, INVESTMENTS, type Investment } from '../planner/criteria.ts';
import { download, rankingCsv, rankingTable } from '../planner/csv.ts';
import { printRanking } from '../planner/print-ranking.ts';
import { RankingSheet } from '../planner/RankingSheet.tsx';
import { xlsxWorkbook } from '../planner/xlsx.ts';
import { TargetFlip } from './WhatIfNote.tsx';
import { rankVillages, type RankedVillage } from '../planner/ranking.ts';
import { whatIf, type Scenario, type WhatIfResult } from '../planner/what-if.ts';
import { StatusBadge } from './target-text.tsx';

interface Props {
  data: AtlasData;
  index: ObservationIndex;
  marks: ReadonlySet<string>;
  onMarks: (marks: Set<string>) => void;
  whatIfIndicator: string;
  onWhatIfIndicator: (key: string) => void;
  hovered: string | null;
  onHover: (id: string | null) => void;
  onSelect: (id: string) => void;
  /** The ranking shown, for the map (null when the planner closes). */
  onRanking?: (r: { ranking: RankedVillage[]; investment: Investment; weights: Record<string, number> } | null) => void;
  /** The what-if shown, for the map's legend (null when the planner closes). */
  onWhatIf?: (r: WhatIfResult | null) => void;
}

function ScenarioCells({ sc }: { sc: Scenario }) {
  const s = t();
  return (
    <>
      <td className="wi-coverage" data-achieved={sc.achieved} data-total={sc.total} data-complete={sc.complete}>
        {!sc.complete && <span className="ct-incomplete">≥ </span>}
        <strong>{formatRatio(sc.achieved, sc.total)}</strong>
        {sc.percent != null && <> ({formatPercentValue(sc.percent)})</>}
        {sc.moreVillagesNeeded != null && sc.moreVillagesNeeded > 0 && <div className="muted">{s.targets.needed(sc.villagesNeeded!, sc.moreVillagesNeeded)}</div>}
      </td>
      <td className="wi-status" data-status={sc.status ?? ''}>{sc.status ? <StatusBadge status={sc.status} /> : '—'}</td>
    </>
  );
}

/** The planner panel. */
export function Planner({ data, index, marks, onMarks, whatIfIndicator, onWhatIfIndicator, hovered, onHover, onSelect, onRanking, onWhatIf }: Props) {
  const s = t();
  const [investment, setInvestment] = useState<Investment>('road');
  const [weights, setWeights] = useState<Record<Investment, Record<string, number>>>(() => ({ road: defaultWeights('road'), school: defaultWeights('school') }));
  const criteria = criteriaFor(investment);
  const w = weights[investment];
  const ranking = useMemo(() => rankVillages({ data, index }, investment, w), [data, index, investment, w]);
  const result = useMemo(() => whatIf(data, index, whatIfIndicator, marks), [data, index, whatIfIndicator, marks]);
  // The map follows the planner: it shows this ranking while the planner is open.
  useEffect(() => {
    onRanking?.({ ranking, investment, weights: w });
  }, [ranking, investment, w, onRanking]);
  useEffect(() => () => onRanking?.(null), [onRanking]);
  useEffect(() => {
    onWhatIf?.(result);
  }, [result, onWhatIf]);
  useEffect(() => () => onWhatIf?.(null), [onWhatIf]);
  const exportXlsx = () => {
    const table = rankingTable(ranking, criteria, w, investment);
    const bytes = xlsxWorkbook(s.planner.ranking, table.header, table.rows);
    download(`xep-hang-${investment}.xlsx`, new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  };
  const yesNo = data.indicators.filter((i) => i.kind === 'boolean' && i.levels.includes('village'));
  const toggle = (id: string) => {
    const next = new Set(marks);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onMarks(next);
  };
  const known = (id: string) => index.latest(id, whatIfIndicator)?.value === true;

  return (
    <section className="planner" aria-labelledby="planner-heading">
      <h2 id="planner-heading">{s.planner.heading}</h2>
      <p className="intro">{s.planner.intro}</p>
      <fieldset className="field level-switch">
        <legend>{s.planner.investment}</legend>
        {INVESTMENTS.map((inv) => (
          <label key={inv} className="radio">
            <input type="radio" name="investment" value={inv} checked={investment === inv} onChange={() => setInvestment(inv)} />
            {s.planner.investments[inv]}
          </label>
        ))}
      </fieldset>
      <fieldset className="field weights">
        <legend>{s.planner.weights}</legend>
        {criteria.map((c) => (
          <div key={c.key} className="weight" data-criterion={c.key}>
            <label htmlFor={`w-${c.key}`}>{s.criteria[c.key]?.label ?? c.key}</label>
            <input
              id={`w-${c.key}`} type="range" min={0} max={5} step={1} value={w[c.key] ?? 0} aria-describedby={`w-${c.key}-hint`}
              onChange={(e) => setWeights({ ...weights, [investment]: { ...w, [c.key]: Number(e.target.value) } })}
            />
            <output htmlFor={`w-${c.key}`}>{w[c.key] ?? 0}</output>
            <span id={`w-${c.key}-hint`} className="weight-hint">{s.criteria[c.key]?.hint}</span>
          </div>
        ))}
      </fieldset>

      <h3>{s.planner.whatIf}</h3>
      <p className="intro">{s.planner.whatIfIntro}</p>
      <div className="field">
        <label htmlFor="whatif-indicator">{s.planner.whatIfIndicator}</label>
        <select id="whatif-indicator" value={whatIfIndicator} onChange={(e) => onWhatIfIndicator(e.target.value)}>
          {yesNo.map((i) => <option key={i.key} value={i.key}>{indicatorName(i)}</option>)}
        </select>
      </div>
      <p className="muted" aria-live="polite">{s.planner.marked(marks.size)} {marks.size > 0 && <button type="button" className="link" onClick={() => onMarks(new Set())}>{s.planner.reset}</button>}</p>
      <table className="whatif" aria-live="polite">
        <thead>
          <tr><th scope="col" /><th scope="col">{s.planner.coverage}</th><th scope="col">{s.planner.targetStatus}</th></tr>
        </thead>
        <tbody>
          <tr className="before"><th scope="row">{s.planner.before}</th><ScenarioCells sc={result.before} /></tr>
          <tr className="after"><th scope="row">{s.planner.after}</th><ScenarioCells sc={result.after} /></tr>
        </tbody>
      </table>
      {result.target ? (
        <p className="muted whatif-target" data-target-no={result.target.no}>
          {s.target} ({result.target.no}): {result.target.comparator ? s.comparators[result.target.comparator] : ''} {formatPercentValue(result.target.value ?? 0)}
        </p>
      ) : <p className="muted whatif-no-target">{s.planner.noTarget}</p>}
      {marks.size > 0 && <TargetFlip result={result} />}
      <p className="hint">{s.planner.assumption}</p>
      <div className="ranking-head">
        <h3>{s.planner.ranking}</h3>
        <button type="button" className="btn export-csv" onClick={() => download(`xep-hang-${investment}.csv`, rankingCsv(ranking, criteria, w, investment))}>
          {s.planner.exportCsv}
        </button>
      </div>
      <div className="ranking-tools">
        <button type="button" className="btn export-xlsx" onClick={exportXlsx}>{s.planner.exportXlsx}</button>
        <button type="button" className="btn print-ranking-btn" onClick={printRanking}>{s.planner.printRanking}</button>
      </div>
      <RankingSheet communeName={data.commune.name} investment={investment} criteria={criteria} weights={w} ranking={ranking} marks={marks} />
      <table className="ranking">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{s.scorecard.village}</th>
            <th scope="col">{s.planner.score}</th>
            <th scope="col" title={s.planner.unknownInputs}>?</th>
            <th scope="col" title={s.planner.whatIfMark}>{s.planner.whatIfMark}</th>
          </tr>
        </thead>
        <tbody>
          {ranking.map((r) => (
            <tr
              key={r.village.id} data-village-id={r.village.id} data-rank={r.rank} data-score={r.score.toFixed(3)}
              className={`${hovered === r.village.id ? 'is-hover' : ''} ${marks.has(r.village.id) ? 'is-marked' : ''}`}
              onMouseEnter={() => onHover(r.village.id)} onMouseLeave={() => onHover(null)}
              title={criteria.map((c) => `${s.criteria[c.key]?.label}: ${r.values[c.key]?.text}`).join('\n')}
            >
              <td className="c-rank">{r.rank}</td>
              <th scope="row"><button type="button" className="row-btn" onClick={() => onSelect(r.village.id)}>{villageTitle(r.village)}</button></th>
              <td className="score"><span className="score-bar" style={{ width: `${Math.round(r.score * 48)}px` }} aria-hidden="true" />{formatDecimal(r.score, 2)}</td>
              <td className="unknowns">{r.unknowns || ''}</td>
              <td>
                <input
                  type="checkbox" className="mark" data-village-id={r.village.id} checked={marks.has(r.village.id)} disabled={known(r.village.id)}
                  aria-label={`${s.planner.whatIfMark}: ${villageTitle(r.village)}`} onChange={() => toggle(r.village.id)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

    </section>
  );
}
