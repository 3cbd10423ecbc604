// Legend: the three bản states with their counts, the commune and former-commune shares the
// report gives, and the source of every number.
import type { Coverage, CoverageGroup, FormerCommune, SourceRef, Village } from '../api/types.ts';
import { formatPercent, formatRatio } from '../format/number.ts';
import { vi } from '../i18n/vi.ts';
import { groupFor } from '../map/labels.ts';
import { countStates, VILLAGE_STATES } from '../map/village-state.ts';
import { SourceCite, SourceIndex, SourceList } from './SourceCite.tsx';
import { LineSwatch, StateSwatch } from './StateSwatch.tsx';

interface Props {
  villages: Village[];
  coverage: Coverage;
  formerCommunes: FormerCommune[];
}

function observationSources(villages: Village[]): SourceRef[] {
  return villages.flatMap((v) => (v.observation ? [v.observation.source] : []));
}

/** A group's source: its own, or (when summed from bản values) the sources of those values. */
function groupSources(g: CoverageGroup, villages: Village[]): SourceRef[] {
  if (g.source) return [g.source];
  if (g.basis === 'VILLAGE_VALUES') return observationSources(villages.filter((v) => v.formerCommune.id === g.id || v.formerCommune.code === g.code));
  return [];
}

/** The map legend with counts and sources. */
export function Legend({ villages, coverage, formerCommunes }: Props) {
  const counts = countStates(villages);
  const valueSources = observationSources(villages);
  const statuses = [...new Set(villages.flatMap((v) => (v.observation ? [vi.status[v.observation.status]] : [])))];
  const comparator = coverage.targetComparator ? (vi.comparators[coverage.targetComparator] ?? coverage.targetComparator) : '';
  // Former communes in map order; groups the API has but the commune lacks still show.
  const groups = [
    ...formerCommunes.flatMap((fc) => groupFor(fc, coverage.groups) ?? []),
    ...coverage.groups.filter((g) => !formerCommunes.some((fc) => groupFor(fc, [g]))),
  ];
  const index = new SourceIndex().add(...valueSources, coverage.source, ...groups.flatMap((g) => groupSources(g, villages)));

  return (
    <section className="legend" aria-labelledby="legend-heading">
      <h2 id="legend-heading">{coverage.indicatorName || vi.indicatorHeading}</h2>
      <ul className="states">
        {VILLAGE_STATES.map((s) => (
          <li key={s} className={`state state-${s}`} data-state={s} data-count={counts[s]}>
            <StateSwatch state={s} />
            <span className="state-label">{vi.states[s]}</span>
            <span className="state-count">
              <strong>{counts[s]}</strong> {vi.banUnit}
            </span>
            {s === 'unknown' && <span className="state-hint">{vi.unknownHint}</span>}
          </li>
        ))}
      </ul>
      <p className="legend-source">
        <SourceCite refs={valueSources} index={index} />
        {statuses.length > 0 && <span className="status"> ({statuses.join(', ')})</span>}
      </p>

      <div className="coverage-total" data-achieved={coverage.achieved} data-total={coverage.total}>
        <span className="ct-label">{vi.communeTotal}:</span>{' '}
        <strong>{formatRatio(coverage.achieved, coverage.total)}</strong> {vi.banUnit} {vi.states.achieved.toLowerCase()}{' '}
        ({formatPercent(coverage.share)})
        {coverage.target != null && (
          <span className="ct-target">
            {' '}· {vi.target}: {comparator} {formatPercent(coverage.target)}
          </span>
        )}
        <div>
          <SourceCite refs={[coverage.source]} index={index} />
        </div>
      </div>

      <h3>{vi.formerCommunesHeading}</h3>
      <table className="groups">
        <tbody>
          {groups.map((g) => (
            <tr key={g.id} data-group-id={g.id} data-group-code={g.code} data-achieved={g.achieved} data-total={g.total}>
              <th scope="row">{g.name}</th>
              <td className="group-ratio">
                <strong>{formatRatio(g.achieved, g.total)}</strong>
                <div className="group-share">{formatPercent(g.share)}</div>
              </td>
              <td className="group-source">
                {vi.basis[g.basis]}
                <br />
                <SourceCite refs={groupSources(g, villages)} index={index} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <SourceList index={index} />

      <ul className="lines">
        <li><LineSwatch kind="commune" /> {vi.legendCommune}</li>
        <li><LineSwatch kind="formerCommune" /> {vi.legendFormerCommune}</li>
        <li><LineSwatch kind="schematic" /> {vi.legendSchematic}</li>
        <li><LineSwatch kind="neighbour" /> {vi.legendNeighbour}</li>
      </ul>
    </section>
  );
}
