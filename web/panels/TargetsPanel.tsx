// The report's 21 targets for 2030: baseline, target, current value (in the page's number format)
// and status; for targets counted in bản, how many bản are still short and which could close the gap.
import { useState } from 'react';
import type { Target, TargetStatus, TargetValue } from '../api/types.ts';
import { byUrgency, URGENCY } from '../overview/urgency.ts';
import { withBound } from '../format/bound.ts';
import { formatRatio } from '../format/number.ts';
import { currentLang, t, refLabel } from '../i18n/i18n.ts';
import { StatusBadge, targetFigure, targetText } from './target-text.tsx';
import type { VillageInfo } from '../api/types.ts';

interface Props {
  targets: Target[];
  villages: VillageInfo[];
  onSelect: (villageId: string) => void;
  /** Show the indicator on the map. */
  onIndicator: (key: string) => void;
}

function valueText(v: TargetValue, unit: string | null): string {
  const count = v.count != null && v.denominator != null ? ` (${formatRatio(v.count, v.denominator)})` : '';
  return `${withBound(targetFigure(v.value, unit), v.comparator)}${count}`;
}

/** The bản that could close a gap, each a chip that opens its profile. */
function Candidates({ label, ids, name, onSelect }: { label: string; ids: string[]; name: (id: string) => string; onSelect: (id: string) => void }) {
  if (ids.length === 0) return null;
  return (
    <>
      <p className="candidates-label">{label}:</p>
      <ul className="candidates">
        {ids.map((id) => (
          <li key={id}><button type="button" className="chip" data-village-id={id} onClick={() => onSelect(id)}>{name(id)}</button></li>
        ))}
      </ul>
    </>
  );
}

/** The targets panel. */
export function TargetsPanel({ targets, villages, onSelect, onIndicator }: Props) {
  const s = t();
  const en = currentLang() === 'en';
  // Most urgent first (off track, unknown, met), optionally one status only.
  const [only, setOnly] = useState<TargetStatus | null>(null);
  const shown = byUrgency(targets).filter((x) => !only || x.status === only);
  const name = (id: string) => {
    const v = villages.find((x) => x.id === id);
    return v ? (v.nameKnown && v.name ? v.name : v.provisionalLabel) : id;
  };
  return (
    <section className="targets" aria-labelledby="targets-heading">
      <h2 id="targets-heading">{s.targets.heading}</h2>
      <div className="target-filter" role="group" aria-label={s.targets.filter}>
        <button type="button" className="chip" aria-pressed={only === null} onClick={() => setOnly(null)}>{s.targets.all} {targets.length}</button>
        {URGENCY.map((st) => (
          <button key={st} type="button" className="chip summary-item" data-filter={st} aria-pressed={only === st} onClick={() => setOnly(only === st ? null : st)}>
            <StatusBadge status={st} /> {targets.filter((x) => x.status === st).length}
          </button>
        ))}
      </div>
      <div className="target-group">
          <ol className="target-list">
            {shown.map((tg) => (
              <li key={tg.no} className={`target status-${tg.status}`} data-target-no={tg.no} data-status={tg.status}>
                <div className="target-head">
                  <span className="target-no">{tg.no}</span>
                  <span className="target-title"><span className="target-label">{en ? tg.labelEn : tg.labelVi}</span> <span className="target-group-name">{s.targets.groups[tg.group] ?? tg.group}</span></span>
                  <StatusBadge status={tg.status} />
                </div>
                <dl className="target-figures">
                  <div><dt>{s.targets.baseline}</dt><dd className="baseline">{tg.baseline ? <>{valueText(tg.baseline, tg.unit)} <span className="period">{tg.baseline.period}</span></> : s.targets.none}</dd></div>
                  <div><dt>{s.targets.target}</dt><dd className="goal">{targetText(tg)} <span className="period">{tg.year}</span></dd></div>
                  <div><dt>{s.targets.current}</dt><dd className="current">{tg.current ? valueText(tg.current, tg.unit) : s.targets.none}</dd></div>
                </dl>
                {tg.current?.source && <p className="source">{s.sourcePrefix}: {refLabel(tg.current.source)}</p>}
                {tg.villagesNeeded != null && tg.moreVillagesNeeded != null && (
                  <div className={`shortfall${tg.moreVillagesNeeded === 0 ? ' is-met' : ''}`} data-needed={tg.villagesNeeded} data-more={tg.moreVillagesNeeded}>
                    {/* A met target says so: no "0 more needed" warning. */}
                    <p>{tg.moreVillagesNeeded === 0 ? s.overview.enough(tg.villagesNeeded) : s.targets.needed(tg.villagesNeeded, tg.moreVillagesNeeded)}</p>
                    {tg.moreVillagesNeeded > 0 && <Candidates label={s.targets.candidates} ids={tg.candidates.map((c) => c.id)} name={name} onSelect={onSelect} />}
                  </div>
                )}
                {/* Not every bản is known: only an upper bound, and the candidates may already meet it. */}
                {tg.villagesNeeded != null && tg.moreVillagesNeeded == null && tg.moreVillagesNeededAtMost != null && (
                  <div className="shortfall shortfall-bound" data-needed={tg.villagesNeeded} data-at-most={tg.moreVillagesNeededAtMost}>
                    <p>{s.targets.neededAtMost(tg.villagesNeeded, tg.moreVillagesNeededAtMost)}</p>
                    {tg.moreVillagesNeededAtMost > 0 && <Candidates label={s.targets.boundCandidates} ids={tg.candidates.map((c) => c.id)} name={name} onSelect={onSelect} />}
                  </div>
                )}
                {tg.parts.length > 0 && (
                  <ul className="parts" aria-label={s.targets.parts}>
                    {tg.parts.map((p, i) => <li key={i}>{en ? p.labelEn : p.labelVi}: {targetText(p)}</li>)}
                  </ul>
                )}
                {tg.indicator && (
                  <button type="button" className="link show-on-map" onClick={() => onIndicator(tg.indicator!)}>{s.targets.showOnMap}</button>
                )}
              </li>
            ))}
          </ol>
      </div>
    </section>
  );
}
