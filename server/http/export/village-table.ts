// The bản export: one row per bản, its identity and centre, then value, status, period and source of each indicator
// (and, for signed-in users, where a sensitive one stands in publication).
import { carriesPublication } from '../../access/value-publication.ts';
import { villageValueReader } from '../../queries/village-features.ts';
import type { Viewer } from '../../schema/context.ts';
import { toVillage } from '../../schema/unit-views.ts';
import type { AtlasSnapshot } from '../../store/atlas-store.ts';
import type { Table } from './table.ts';

/**
 * Headers of the four columns each indicator gets, a fifth (its bound) for a numeric one, and for signed-in users a last
 * one beside a sensitive indicator: where each value stands in publication (carriesPublication).
 */
export function indicatorHeaders(nameVi: string, key: string, numeric = false, publication = false): string[] {
  return [`${nameVi}: giá trị (${key}: value)`, ...(numeric ? [`${nameVi}: so sánh (${key}: comparator)`] : []),
    `${nameVi}: trạng thái (${key}: status)`, `${nameVi}: kỳ (${key}: period)`, `${nameVi}: nguồn (${key}: source)`,
    ...(publication ? [`${nameVi}: công bố (${key}: publication)`] : [])];
}

/** The bản table for these (already checked) indicators, with server/access's visibleObservation applied for the viewer. */
export function villageTable(store: AtlasSnapshot, viewer: Viewer, indicators: string[]): Table {
  const headers = [
    'Mã bản (id)', 'Bản (village)', 'Tên (name)', 'Xã cũ (former commune)', 'Mã xã cũ (former commune code)',
    'Chất lượng ranh giới (boundary quality)', 'Kinh độ tâm (centre longitude)', 'Vĩ độ tâm (centre latitude)', 'Tâm đã biết (centre known)',
    ...indicators.flatMap((key) => {
      const indicator = store.indicator(key)!;
      return indicatorHeaders(indicator.nameVi, key, indicator.kind !== 'boolean', carriesPublication(viewer, indicator));
    }),
  ];
  const valuesOf = villageValueReader(store, viewer, indicators);
  const rows = store.units('village').map((u) => {
    const v = toVillage(store, u);
    const [lon, lat] = v.centroid;
    return [
      v.id, v.label, v.name, v.formerCommune?.name ?? null, v.formerCommune?.code ?? null, v.boundaryQuality, lon ?? null, lat ?? null, v.centreKnown,
      ...valuesOf(u).flatMap((x) => [x.value, ...(x.comparator === undefined ? [] : [x.comparator]), x.status, x.period, x.source,
        ...(x.publication === undefined ? [] : [x.publication])]),
    ];
  });
  return { sheet: 'Bản (villages)', headers, rows };
}
