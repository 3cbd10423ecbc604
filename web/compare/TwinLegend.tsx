// The legend of one compare map: what it shows (which map, which indicator, at which level, data date),
// one row per state or class with its count, the commune's count for a yes/no indicator and the sources.
// Every figure is the choropleth model's or the API's coverage (the same ones the single map reads).
import { useState } from 'react';
import type { Coverage } from '../api/types.ts';
import { formatPercent, formatRatio } from '../format/number.ts';
import { indicatorName, refLabel, t, unitLabel } from '../i18n/i18n.ts';
import type { ChoroplethModel } from '../model/choropleth.ts';
import { NotPublicNote } from '../panels/NotPublicNote.tsx';
import { Swatch } from '../panels/StateSwatch.tsx';
import type { Side } from './compare-global.ts';

interface Props {
  side: Side;
  model: ChoroplethModel;
  coverage: Coverage | null;
}

// A map shorter than this (a laptop screen, a phone) starts with its legend folded to its title line.
const SHORT_MAP = 'screen and (max-height: 1000px), screen and (max-width: 700px)';

/** One compare map's legend card (scrollable by keyboard: a focusable region), collapsible to its title. */
export function TwinLegend({ side, model, coverage }: Props) {
  const s = t();
  const which = side === 'left' ? s.compare.left : s.compare.right;
  const headingId = `twin-${side}-heading`;
  const unitText = model.kind === 'numeric' ? (model.indicator.kind === 'boolean' ? s.legend.shareOfVillages : unitLabel(model.unit)) : null;
  const [open, setOpen] = useState(() => !window.matchMedia(SHORT_MAP).matches);
  const sources = [...new Set([...model.sources, ...(coverage?.sources ?? [])].map(refLabel))];
  return (
    <section
      className={`twin-legend${open ? '' : ' is-collapsed'}`} aria-labelledby={headingId} tabIndex={0} data-side={side} data-open={open}
      data-indicator={model.indicator.key} data-level={model.level} data-kind={model.kind}
    >
      <div className="twin-head">
        <h2 id={headingId} className="twin-title">{s.compare.mapLabel(which, indicatorName(model.indicator))}</h2>
        <button type="button" className="legend-toggle twin-toggle" aria-expanded={open} aria-controls={`${headingId}-body`} onClick={() => setOpen(!open)}>
          {open ? s.legend.collapse : s.legend.expand}<span aria-hidden="true">{open ? ' ▴' : ' ▾'}</span>
        </button>
      </div>
      <div className="twin-body" id={`${headingId}-body`} hidden={!open}>
      <p className="legend-meta">
        {s.layers.levels[model.level]}
        {unitText && <> · {unitText}</>}
        {model.periods.length > 0 && <> · {s.legend.dataDate} <span className="data-date">{model.periods[0]}</span></>}
      </p>
      <ul className="states">
        {model.entries.map((e) => (
          <li key={e.key} className={`state state-${e.key}`} data-state={e.key} data-count={e.count}>
            <Swatch color={e.color} pattern={e.pattern} />
            <span className="state-label">{e.label}</span>
            <span className="state-count"><strong>{e.count}</strong> / {model.total} {model.unitNoun}</span>
          </li>
        ))}
      </ul>
      <NotPublicNote model={model} />
      {coverage && (
        <p className="coverage-total" data-achieved={coverage.achieved} data-total={coverage.total} data-complete={coverage.complete}>
          {s.communeTotal}: {!coverage.complete && <>{s.incompleteCount} </>}
          <strong>{formatRatio(coverage.achieved, coverage.total)}</strong> {s.banUnit} {s.states.achieved.toLowerCase()}
          {coverage.share != null && <> ({formatPercent(coverage.share)})</>}
        </p>
      )}
      <p className="legend-source">{sources.length ? `${s.sourcePrefix}: ${sources.join('; ')}` : s.noSource}</p>
      </div>
    </section>
  );
}
