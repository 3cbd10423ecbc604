// The landing view: the gaps first. One tile per indicator with a 2030 target or a bản count: a traffic
// light against the target, how many bản are still short (from the fact engine, via GraphQL targets and
// coverages), the earlier periods the report gives, and a click that maps it.
import type { AtlasData } from '../api/atlas-data.ts';
import type { Coverage, Target } from '../api/types.ts';
import { formatPercent, formatRatio } from '../format/number.ts';
import { currentLang, indicatorName, t } from '../i18n/i18n.ts';
import { TileSource } from './tile-source.tsx';
import { StatusBadge, targetFigure, targetText } from '../panels/target-text.tsx';
import { Sparkline } from './Sparkline.tsx';
import { trendOf } from './trend.ts';
import { byUrgency } from './urgency.ts';

interface Props {
  data: AtlasData;
  /** The indicator the map shows. */
  indicator: string;
  /** Map an indicator. */
  onIndicator: (key: string) => void;
}

/** What a bản-count target still needs, as the server's fact engine counts it; null for other targets. */
export function shortfallText(tg: Target): string | null {
  const s = t().overview;
  if (tg.villagesNeeded == null) return null;
  if (tg.moreVillagesNeeded != null) return tg.moreVillagesNeeded > 0 ? s.short(tg.moreVillagesNeeded) : s.enough(tg.villagesNeeded);
  if (tg.moreVillagesNeededAtLeast != null && tg.moreVillagesNeededAtMost != null) return s.shortBetween(tg.moreVillagesNeededAtLeast, tg.moreVillagesNeededAtMost);
  return null;
}

function TargetTile({ tg, data, onMap, onIndicator }: { tg: Target; data: AtlasData; onMap: boolean; onIndicator: (key: string) => void }) {
  const s = t();
  const label = currentLang() === 'en' ? tg.labelEn : tg.labelVi;
  const mappable = !!tg.indicator && data.indicators.some((i) => i.key === tg.indicator);
  const trend = tg.indicator ? trendOf(data.observations, tg.indicator) : [];
  const short = shortfallText(tg);
  return (
    <li className={`tile light-${tg.status}${onMap ? ' on-map' : ''}`} data-target-no={tg.no} data-status={tg.status} data-indicator={tg.indicator ?? ''}>
      <div className="tile-head">
        <span className="light" aria-hidden="true" />
        {mappable
          ? <button type="button" className="tile-title link" aria-pressed={onMap} onClick={() => onIndicator(tg.indicator!)}>{label}</button>
          : <span className="tile-title">{label}</span>}
        <StatusBadge status={tg.status} />
      </div>
      <p className="tile-figures">
        <span className="tile-current">{tg.current ? targetFigure(tg.current.value, tg.unit) : s.targets.none}</span>
        {' '}<span className="tile-goal">{s.overview.goal(targetText(tg), tg.year)}</span>
      </p>
      {tg.current && <TileSource status={tg.current.status} sources={tg.current.source ? [tg.current.source] : []} />}
      {short && <p className={`tile-short${tg.moreVillagesNeeded === 0 ? ' is-met' : ''}`} data-more={tg.moreVillagesNeeded ?? ''} data-at-least={tg.moreVillagesNeededAtLeast ?? ''}>{short}</p>}
      {trend.length > 0 && <Sparkline series={trend} label={s.overview.trend} />}
    </li>
  );
}

function CountTile({ c, onMap, onIndicator, name }: { c: Coverage; onMap: boolean; onIndicator: (key: string) => void; name: string }) {
  const s = t();
  return (
    <li className={`tile tile-count${onMap ? ' on-map' : ''}`} data-indicator={c.indicator} data-achieved={c.achieved} data-complete={c.complete}>
      <div className="tile-head">
        <span className="light light-count" aria-hidden="true" />
        <button type="button" className="tile-title link" aria-pressed={onMap} onClick={() => onIndicator(c.indicator)}>{name}</button>
      </div>
      <p className="tile-figures">
        {/* The engine's interval as it gives it: "8–23/23" while bản are unknown, one figure when it is a point. */}
        <strong>{c.min === c.max ? formatRatio(c.min, c.total) : `${c.min}–${formatRatio(c.max, c.total)}`}</strong> {s.banUnit} {s.states.achieved.toLowerCase()}
        {c.complete && c.share != null && <> ({formatPercent(c.share)})</>}
      </p>
      <TileSource status={c.status} sources={c.sources} />
      {!c.complete && <p className="tile-short tile-unknown">{s.overview.unknown(c.unknownVillages)}</p>}
    </li>
  );
}

/** The overview panel. */
export function Overview({ data, indicator, onIndicator }: Props) {
  const s = t();
  const targets = byUrgency(data.targets);
  const targeted = new Set(data.targets.flatMap((x) => (x.indicator ? [x.indicator] : [])));
  const counts = data.coverages.filter((c) => !targeted.has(c.indicator));
  const nameOf = (key: string) => {
    const ind = data.indicators.find((i) => i.key === key);
    return ind ? indicatorName(ind) : key;
  };
  const tally = (['NOT_MET', 'UNKNOWN', 'MET'] as const).map((st) => [st, data.targets.filter((x) => x.status === st).length] as const);
  return (
    <section className="overview" aria-labelledby="overview-heading">
      <h2 id="overview-heading">{s.overview.heading}</h2>
      <p className="target-summary">
        {tally.map(([st, n]) => <span key={st} className="summary-item"><StatusBadge status={st} /> {n}</span>)}
      </p>
      <ol className="tiles">
        {targets.map((tg) => <TargetTile key={tg.no} tg={tg} data={data} onMap={tg.indicator === indicator} onIndicator={onIndicator} />)}
      </ol>
      {counts.length > 0 && (
        <>
          <h3>{s.overview.countsHeading}</h3>
          <ul className="tiles">
            {counts.map((c) => <CountTile key={c.indicator} c={c} name={nameOf(c.indicator)} onMap={c.indicator === indicator} onIndicator={onIndicator} />)}
          </ul>
        </>
      )}
    </section>
  );
}
