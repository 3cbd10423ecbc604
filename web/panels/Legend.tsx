// Legend of the choropleth: one row per category or class with its count ("7 / 23 bản"), the data
// date and the source of every value; for yes/no indicators the commune and former-commune counts.
import type { AtlasData } from '../api/atlas-data.ts';
import type { Coverage } from '../api/types.ts';
import { withBound } from '../format/bound.ts';
import { formatPercent, formatRatio, formatValue } from '../format/number.ts';
import { indicatorName, t, unitLabel } from '../i18n/i18n.ts';
import { groupFor } from '../map/labels.ts';
import { assumptionTexts, reasonText } from '../model/fact-text.ts';
import { groupRatioText } from '../model/group-count.ts';
import type { ChoroplethModel } from '../model/choropleth.ts';
import type { LabelMode } from '../state/ui-state.ts';
import { SourceCite, SourceIndex, SourceList } from './SourceCite.tsx';
import { LineSwatch, Swatch } from './StateSwatch.tsx';
import { NotPublicNote } from './NotPublicNote.tsx';

interface Props {
  data: AtlasData;
  model: ChoroplethModel;
  /** Coverage of the yes/no indicator shown (null for numeric indicators or while loading). */
  coverage: Coverage | null;
  /** What the bản labels say (the legend explains "?" and "≈" when they show values). */
  labelMode?: LabelMode;
}

/** The legend card. */
export function Legend({ data, model, coverage, labelMode = 'name' }: Props) {
  const s = t();
  const statuses = [...new Set(model.features.flatMap((f) => (f.obs ? [s.status[f.obs.status]] : [])))];
  const groups = coverage
    ? [
      ...data.commune.formerCommunes.flatMap((fc) => groupFor(fc, coverage.groups) ?? []),
      ...coverage.groups.filter((g) => !data.commune.formerCommunes.some((fc) => groupFor(fc, [g]))),
    ]
    : [];
  const index = new SourceIndex().add(...model.sources, ...(coverage?.sources ?? []), ...groups.flatMap((g) => g.sources));
  const comparator = coverage?.targetComparator ? (s.comparators[coverage.targetComparator] ?? coverage.targetComparator) : '';
  const unitText = model.kind === 'numeric' ? (model.indicator.kind === 'boolean' ? s.legend.shareOfVillages : unitLabel(model.unit)) : null;

  return (
    <section className="legend" aria-labelledby="legend-heading" data-indicator={model.indicator.key} data-level={model.level} data-kind={model.kind}>
      <h2 id="legend-heading">{indicatorName(model.indicator)}</h2>
      <p className="legend-meta">
        {s.layers.levels[model.level]}
        {unitText && <> · {unitText}</>}
        {model.kind === 'numeric' && <> · {s.layers.methods[model.method]}</>}
        {model.periods.length > 0 && <> · {s.legend.dataDate} <span className="data-date">{model.periods[0]}</span></>}
      </p>
      <ul className="states">
        {model.entries.map((e) => (
          <li key={e.key} className={`state state-${e.key}`} data-state={e.key} data-count={e.count} data-color={e.color}>
            <Swatch color={e.color} pattern={e.pattern} />
            <span className="state-label">{e.label}</span>
            <span className="state-count">
              <strong>{e.count}</strong> / {model.total} {model.unitNoun}
            </span>
            {e.hint && e.count > 0 && <span className="state-hint">{e.hint}</span>}
          </li>
        ))}
      </ul>
      {model.features.every((f) => f.state === 'unknown') && <p className="legend-empty">{s.legend.noValues}</p>}
      <NotPublicNote model={model} />
      {labelMode !== 'name' && model.level === 'village' && <p className="label-key">{s.labelValue.key}</p>}
      <p className={`legend-source${model.basis ? ' legend-basis' : ''}`}>
        {model.basis ?? <SourceCite refs={model.sources} index={index} />}
        {statuses.length > 0 && <span className="status"> ({statuses.join(', ')})</span>}
      </p>

      {coverage && (
        <div className="coverage-total" data-achieved={coverage.achieved} data-total={coverage.total} data-complete={coverage.complete}>
          <span className="ct-label">{s.communeTotal}:</span>{' '}
          {!coverage.complete && <span className="ct-incomplete">{s.incompleteCount} </span>}
          <strong>{formatRatio(coverage.achieved, coverage.total)}</strong> {s.banUnit} {s.states.achieved.toLowerCase()}
          {coverage.share != null && <> ({formatPercent(coverage.share)})</>}
          {coverage.target != null && (
            <span className="ct-target">
              {' '}· {s.target}: {comparator} {formatPercent(coverage.target)}
            </span>
          )}
          <div>
            <SourceCite refs={coverage.sources} index={index} />
          </div>
          {assumptionTexts(coverage.assumptions, coverage.reason).map((a) => <div key={a} className="ct-assumption">{s.assumptionLabel}: {a}</div>)}
        </div>
      )}
      {coverage && coverage.findings.length > 0 && (
        <div className="findings" role="note">
          <strong>{s.findingsHeading}</strong>
          <ul>
            {coverage.findings.map((f) => (
              <li key={`${f.kind}-${f.unitId}`} data-finding={f.kind}>
                {s.finding(f.kind, data.commune.formerCommunes.find((fc) => fc.id === f.unitId)?.name ?? data.commune.name,
                  f.params.achieved !== undefined ? formatRatio(f.params.achieved, f.params.total) : '', f.params.min, f.params.max)}
              </li>
            ))}
          </ul>
        </div>
      )}

      {coverage && groups.length > 0 && (
        <>
          <h3>{s.formerCommunesHeading}</h3>
          <table className="groups">
            <tbody>
              {groups.map((g) => (
                <tr key={g.id} data-group-id={g.id} data-group-code={g.code} data-achieved={g.achieved} data-total={g.total}>
                  <th scope="row">{g.name}</th>
                  <td className="group-ratio">
                    <strong>{groupRatioText(g)}</strong>
                    <div className="group-share">{g.complete && g.share != null ? formatPercent(g.share) : s.atLeastUnknown(g.unknownVillages)}</div>
                  </td>
                  <td className="group-source" data-basis={g.basis} data-reason={g.reason.key}>
                    {g.basis === 'FACT' ? s.basis.FACT : reasonText(g.reason, data)}
                    {assumptionTexts(g.assumptions, g.reason).map((a) => <div key={a} className="group-assumption">{s.assumptionLabel}: {a}</div>)}
                    {g.sources.length > 0 && <><br /><SourceCite refs={g.sources} index={index} /></>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      {!coverage && model.level === 'formerCommune' && (
        <>
          <h3>{s.legend.values}</h3>
          <table className="groups fc-values">
            <tbody>
              {data.commune.formerCommunes.map((fc) => {
                const f = model.features.find((x) => x.id === fc.id);
                return (
                  <tr key={fc.id} data-fc-id={fc.id}>
                    <th scope="row">{fc.name}</th>
                    <td className="group-ratio"><strong>{f?.value != null ? withBound(formatValue(f.value, model.unit, unitLabel(model.unit)), f.obs?.comparator) : '—'}</strong></td>
                    <td className="group-source">{f?.obs ? <>{f.obs.period} · <SourceCite refs={[f.obs.source]} index={index} /></> : s.noData}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
      <SourceList index={index} />

      <ul className="lines">
        <li><LineSwatch kind="commune" /> {s.legendCommune}</li>
        <li><LineSwatch kind="formerCommune" /> {s.legendFormerCommune}</li>
        <li><LineSwatch kind="schematic" /> {s.legendSchematic}</li>
        <li><LineSwatch kind="neighbour" /> {s.legendNeighbour}</li>
      </ul>
    </section>
  );
}
