// The layer list: which indicator colours the map, at which level, how numbers are classed and
// coloured, and which layers are shown. Plain form controls, so it works with the keyboard alone.
import type { AtlasData } from '../api/atlas-data.ts';
import type { Indicator } from '../api/types.ts';
import { indicatorName, t } from '../i18n/i18n.ts';
import { LAYER_GROUPS } from '../map/layers/index.ts';
import { CLASS_METHODS, type ClassMethod } from '../model/classify.ts';
import type { ChoroplethModel } from '../model/choropleth.ts';
import { coverageOf } from '../model/coverage-of.ts';
import type { ObservationIndex } from '../model/observation-index.ts';
import { PALETTES, type PaletteName } from '../model/palettes.ts';
import { LABEL_MODES, LEVELS, type Level, type UiState } from '../state/ui-state.ts';

interface Props {
  data: AtlasData;
  index: ObservationIndex;
  ui: UiState;
  model: ChoroplethModel;
  onChange: (patch: Partial<UiState>) => void;
}

/**
 * Indicators that have at least one value at a level: a stored one, or (for bản) one the fact engine
 * resolved, since a value deduced from "23/23" is bản-level data too.
 */
function withData(data: AtlasData, index: ObservationIndex, level: Level): Set<string> {
  const ids = level === 'village' ? data.villages.map((v) => v.id) : data.commune.formerCommunes.map((f) => f.id);
  const resolved = (key: string) => level === 'village' && (coverageOf(data, key)?.villages.some((v) => v.value !== null) ?? false);
  return new Set(data.indicators.filter((i) => index.anyFor(ids, i.key) || resolved(i.key)).map((i) => i.key));
}

/** The layer list panel. */
export function LayerList({ data, index, ui, model, onChange }: Props) {
  const s = t();
  const atVillage = withData(data, index, 'village');
  const atFc = withData(data, index, 'formerCommune');
  // Only indicators with some value at a bản or former-commune level can colour the map.
  const mappable = data.indicators.filter((i) => i.levels.includes('village') || i.levels.includes('formerCommune'));
  const yesNo = mappable.filter((i) => i.kind === 'boolean');
  const numeric = mappable.filter((i) => i.kind !== 'boolean' && (atVillage.has(i.key) || atFc.has(i.key)));
  const option = (i: Indicator) => (
    <option key={i.key} value={i.key}>
      {indicatorName(i)}
      {!atVillage.has(i.key) && !atFc.has(i.key) ? ' (—)' : ''}
    </option>
  );
  const noVillageData = ui.level === 'village' && !atVillage.has(ui.indicator);
  const toggle = (group: string) =>
    onChange({ hidden: ui.hidden.includes(group) ? ui.hidden.filter((g) => g !== group) : [...ui.hidden, group] });

  return (
    <section className="layer-list" aria-labelledby="layers-heading">
      <h2 id="layers-heading">{s.layers.heading}</h2>
      <div className="field">
        <label htmlFor="indicator-select">{s.layers.indicator}</label>
        <select id="indicator-select" value={ui.indicator} onChange={(e) => {
          const ind = data.indicators.find((i) => i.key === e.target.value);
          // An indicator not measured per bản is shown by former commune.
          const level: Level = ind && !ind.levels.includes('village') ? 'formerCommune' : ui.level;
          onChange({ indicator: e.target.value, level });
        }}>
          <optgroup label={s.layers.yesNoGroup}>{yesNo.map(option)}</optgroup>
          <optgroup label={s.layers.numericGroup}>{numeric.map(option)}</optgroup>
        </select>
        <button type="button" className="link open-compare" onClick={() => onChange({ view: 'compare' })}>{s.compare.open}</button>
      </div>
      <fieldset className="field level-switch">
        <legend>{s.layers.level}</legend>
        {LEVELS.map((l) => (
          <label key={l} className="radio">
            <input type="radio" name="level" value={l} checked={ui.level === l} onChange={() => onChange({ level: l })} />
            {s.layers.levels[l]}
          </label>
        ))}
      </fieldset>
      {noVillageData && (
        <p className="hint" role="status">
          {model.indicator.levels.includes('village') ? s.layers.noVillageData : s.layers.notAtLevel}{' '}
          <button type="button" className="link" onClick={() => onChange({ level: 'formerCommune' })}>{s.layers.showFormerCommunes}</button>
        </p>
      )}
      <div className="field-row" aria-disabled={model.kind !== 'numeric'}>
        <div className="field">
          <label htmlFor="method-select">{s.layers.method}</label>
          <select id="method-select" value={ui.method} disabled={model.kind !== 'numeric'} onChange={(e) => onChange({ method: e.target.value as ClassMethod })}>
            {CLASS_METHODS.map((m) => <option key={m} value={m}>{s.layers.methods[m]}</option>)}
          </select>
        </div>
        <div className="field narrow">
          <label htmlFor="classes-select">{s.layers.classes}</label>
          <select id="classes-select" value={ui.classes} disabled={model.kind !== 'numeric'} onChange={(e) => onChange({ classes: Number(e.target.value) })}>
            {[2, 3, 4, 5, 6].map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor="palette-select">{s.layers.palette}</label>
        <select id="palette-select" value={model.palette} disabled={model.kind !== 'numeric'} onChange={(e) => onChange({ palette: e.target.value as PaletteName })}>
          {PALETTES.map((p) => <option key={p} value={p}>{s.layers.palettes[p]}</option>)}
        </select>
      </div>
      <fieldset className="field layer-toggles">
        <legend>{s.layers.visible}</legend>
        {LAYER_GROUPS.map((g) => (
          <label key={g} className="check" data-layer-group={g}>
            <input type="checkbox" checked={!ui.hidden.includes(g)} onChange={() => toggle(g)} />
            {s.layers.layerNames[g] ?? g}
          </label>
        ))}
      </fieldset>
      <fieldset className="field label-mode">
        <legend>{s.layers.labelMode}</legend>
        {LABEL_MODES.map((m) => (
          <label key={m} className="radio">
            <input type="radio" name="label-mode" value={m} checked={ui.labels === m} onChange={() => onChange({ labels: m })} />
            {s.layers.labelModes[m]}
          </label>
        ))}
        {ui.labels !== 'name' && ui.level === 'formerCommune' && <p className="hint">{s.layers.labelValueAtFormerCommune}</p>}
      </fieldset>
    </section>
  );
}
