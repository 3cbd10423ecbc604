// The map as a table, for keyboard and screen-reader users: one row per bản (or former commune)
// with the value and class the map shows (and, for signed-in users, a value the public does not see as shown).
// Hidden until it holds the focus.
import { t } from '../i18n/i18n.ts';
import type { AtlasData } from '../api/atlas-data.ts';
import type { ChoroplethModel } from '../model/choropleth.ts';
import { villageTitle } from '../map/tooltip.ts';
import { notPublicText } from '../model/publication.ts';

interface Props {
  data: AtlasData;
  model: ChoroplethModel;
  onSelect: (villageId: string) => void;
  onHover: (villageId: string | null) => void;
}

/** The table twin of the map. */
export function TableTwin({ data, model, onSelect, onHover }: Props) {
  const s = t();
  const classOf = (key: string) => model.entries.find((e) => e.key === key)?.label ?? '';
  return (
    <section id="table-twin" className="table-twin" aria-labelledby="table-twin-caption" tabIndex={-1}>
      <table>
        <caption id="table-twin-caption">{s.tableTwin.caption}: {model.indicator.nameVi === model.indicator.nameEn ? model.indicator.nameVi : (s.lang === 'en' ? model.indicator.nameEn : model.indicator.nameVi)}</caption>
        <thead>
          <tr>
            <th scope="col">{s.scorecard.village}</th>
            <th scope="col">{s.formerCommune}</th>
            <th scope="col">{s.tableTwin.value}</th>
            <th scope="col">{s.tableTwin.klass}</th>
          </tr>
        </thead>
        <tbody>
          {data.villages.map((v) => {
            const f = model.features.find((x) => x.id === (model.level === 'village' ? v.id : v.formerCommune.id));
            const key = f ? (f.cls != null ? `class-${f.cls}` : f.state) : 'unknown';
            return (
              <tr key={v.id} data-village-id={v.id}>
                <th scope="row">
                  <button type="button" className="twin-btn" data-village-id={v.id} onClick={() => onSelect(v.id)} onFocus={() => onHover(v.id)} onBlur={() => onHover(null)}>
                    {villageTitle(v)}
                  </button>
                </th>
                <td>{v.formerCommune.name}</td>
                <td>
                  {f?.display ?? s.noData}
                  {f?.notPublic && <> <span className="pv-publication" data-publication={f.notPublic.state}>({notPublicText(f.notPublic)})</span></>}
                </td>
                <td>{classOf(key)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="twin-hint">{s.tableTwin.hint}</p>
    </section>
  );
}
