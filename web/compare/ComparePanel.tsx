// The compare view's side panel: which indicator each of the two linked maps shows.
import type { AtlasData } from '../api/atlas-data.ts';
import type { Indicator } from '../api/types.ts';
import { indicatorName, t } from '../i18n/i18n.ts';
import type { UiState } from '../state/ui-state.ts';
import { naturalLevel } from './compare-level.ts';

interface Props {
  data: AtlasData;
  ui: UiState;
  onChange: (patch: Partial<UiState>) => void;
}

/** Two indicator choices and a swap. */
export function ComparePanel({ data, ui, onChange }: Props) {
  const s = t();
  // The indicators that can colour a map (a value per bản or per former commune), yes/no ones first.
  const mappable = data.indicators.filter((i) => i.levels.includes('village') || i.levels.includes('formerCommune'));
  const groups: Array<[string, Indicator[]]> = [
    [s.layers.yesNoGroup, mappable.filter((i) => i.kind === 'boolean')],
    [s.layers.numericGroup, mappable.filter((i) => i.kind !== 'boolean')],
  ];
  const levelOf = (key: string) => {
    const ind = data.indicators.find((i) => i.key === key);
    return ind ? naturalLevel(ind) : ui.level;
  };
  const select = (id: string, value: string, onPick: (key: string) => void) => (
    <select id={id} value={value} onChange={(e) => onPick(e.target.value)}>
      {groups.map(([label, list]) => (
        <optgroup key={label} label={label}>
          {list.map((i) => <option key={i.key} value={i.key}>{indicatorName(i)}</option>)}
        </optgroup>
      ))}
    </select>
  );
  return (
    <section className="compare-panel" aria-labelledby="compare-heading">
      <h2 id="compare-heading">{s.compare.heading}</h2>
      <p className="intro">{s.compare.intro}</p>
      <div className="field">
        <label htmlFor="compare-left">{s.compare.left}</label>
        {select('compare-left', ui.indicator, (key) => onChange({ indicator: key, level: levelOf(key) }))}
      </div>
      <div className="field">
        <label htmlFor="compare-right">{s.compare.right}</label>
        {select('compare-right', ui.compare, (key) => onChange({ compare: key }))}
      </div>
      <button type="button" className="btn compare-swap" onClick={() => onChange({ indicator: ui.compare, level: levelOf(ui.compare), compare: ui.indicator })}>
        {s.compare.swap}
      </button>
    </section>
  );
}
