// The national view (a chunk loaded when its tab opens): Mường Bang in Sơn La and in Vietnam. The map gets every
// commune as vector tiles coloured by a quantile class; the panel has the measure, the zoom buttons, a clicked
// commune's official figures (with its measured area's difference) and the national data-quality table; the data-quality
// layer colours communes by that difference; a click on a bản of another detailed commune (zoom 10 and closer) names it
// and its commune. All figures come from the API.
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { fetchNationalCommune, fetchNationalOverview, type NationalCommuneProfile, type NationalOverview } from '../api/national.ts';
import { formatDecimal, formatInteger, formatPercent } from '../format/number.ts';
import { t } from '../i18n/i18n.ts';
import { neighbourName } from '../map/neighbour-name.ts';
import { CLASS_COLOURS, DETAILED_VILLAGE_COLOUR, DETAILED_VILLAGES_FILL, MUONG_BANG_CODE, NATIONAL_FILL, setNationalSelected, setSelectedVillage } from './national-layers.ts';
import { NATIONAL_MEASURES, QUALITY_MEASURE, type NationalMeasure } from './national-measures.ts';
import { QualityLegend } from './QualityLegend.tsx';

const SON_LA = '14';
const COUNTRY_VIEW = { center: [106.3, 16.2] as [number, number], zoom: 4.6 };

const signed = (text: string, v: number) => `${v > 0 ? '+' : ''}${text}`;

/** A clicked bản of another detailed commune: its name as the tiles give it, and the commune under it (null when unnamed there). */
interface ClickedVillage { id: string; label: string; commune: string | null }

/** "+12,5 km² (+14,2%), bị đánh dấu": the difference as the API gives it. */
function areaDifference(a: NationalCommuneProfile['areaAgreement']): string {
  const s = t().national;
  if (!a) return s.unknown;
  const km2 = `${signed(formatDecimal(a.differenceKm2), a.differenceKm2)} km²`;
  const share = a.relativeDifference === null ? '' : ` (${signed(formatPercent(a.relativeDifference), a.relativeDifference)})`;
  return `${km2}${share}${a.flagged ? ` — ${s.flagged}` : ''}`;
}

/**
 * The national view's panel: the measure the map's communes are coloured by (the map's layers are App's, through
 * use-national-layers.ts, so they need not wait for this chunk), a click on a commune on `map`. Its legend (of what it draws) goes into the map's legend
 * card (`legendSlot`) in place of the commune map's, or stays in the panel when there is no card.
 */
export function NationalPanel({ map, measure, onMeasure, legendSlot }: {
  map: MapLibreMap | null; measure: NationalMeasure; onMeasure: (m: NationalMeasure) => void; legendSlot?: HTMLElement | null;
}) {
  const s = t().national;
  const [overview, setOverview] = useState<NationalOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [profile, setProfile] = useState<NationalCommuneProfile | null>(null);
  const [village, setVillage] = useState<ClickedVillage | null>(null);
  // The commune clicked (its outline shows at once; its card when its figures arrive). One thing is selected at a time:
  // a click on a bản selects the bản, elsewhere the commune.
  const [communeCode, setCommuneCode] = useState('');
  // Figures that arrive after another click (or the card's ×) are for a commune no longer selected.
  const clicked = useRef('');
  clicked.current = communeCode;

  useEffect(() => {
    const abort = new AbortController();
    fetchNationalOverview(abort.signal).then(setOverview, (e: unknown) => { if (!abort.signal.aborted) setError(String(e)); });
    return () => abort.abort();
  }, []);

  useEffect(() => {
    if (!map) return;
    const onClick = (e: MapMouseEvent) => {
      const layers = [DETAILED_VILLAGES_FILL, NATIONAL_FILL].filter((id) => map.getLayer(id));
      if (layers.length === 0) return;
      const hits = map.queryRenderedFeatures(e.point, { layers });
      const f = hits.find((h) => h.layer.id === NATIONAL_FILL);
      const cell = hits.find((h) => h.layer.id === DETAILED_VILLAGES_FILL)?.properties;
      // The commune tiles carry a commune's name and type from the zoom a bản is drawn at.
      const communeName = f?.properties?.name ? neighbourName(`${f.properties.type ?? ''} ${f.properties.name}`) : null;
      const code = f?.properties?.code as string | undefined;
      if (cell) {
        setVillage({ id: String(cell.id), label: String(cell.label ?? cell.name ?? cell.id), commune: communeName });
        setProfile(null);
        setCommuneCode('');
        return;
      }
      setVillage(null);
      if (!code) return;
      setCommuneCode(code);
      fetchNationalCommune(code).then((p) => setProfile(p?.code === clicked.current ? p : null), (err: unknown) => setError(String(err)));
    };
    map.on('click', onClick);
    return () => { map.off('click', onClick); };
  }, [map]);

  // The map outlines what is selected while its card is open: closing the card, or leaving the tab, clears it, as a
  // bản's profile does on the commune map.
  useEffect(() => {
    if (!map) return;
    setNationalSelected(map, communeCode);
    return () => setNationalSelected(map, '');
  }, [map, communeCode]);
  useEffect(() => {
    if (!map) return;
    setSelectedVillage(map, village?.id ?? '');
    return () => setSelectedVillage(map, '');
  }, [map, village]);

  const sonLa = overview?.provinces.find((p) => p.code === SON_LA);
  const limits = measure === QUALITY_MEASURE ? [] : overview?.nationalClassLimits[measure] ?? [];
  const fmt = (v: number) => (measure === 'population' ? formatInteger(v) : formatDecimal(v, measure === 'density' ? 0 : 1));
  const q = overview?.nationalQuality;

  const legend = (
    <div className="national-map-legend" data-measure={measure}>
      <h3>{s.measures[measure]}</h3>
      {measure === QUALITY_MEASURE ? (q && <QualityLegend quality={q} />) : (
        <ul className="national-legend" aria-label={s.measures[measure]}>
          {limits.slice(0, -1).map((from, i) => (
            <li key={i}><span className="swatch" style={{ background: CLASS_COLOURS[i] }} aria-hidden="true" />{fmt(from)} – {fmt(limits[i + 1])}</li>
          ))}
        </ul>
      )}
      <ul className="national-legend">
        <li><span className="swatch swatch-line" style={{ borderColor: '#d7191c' }} aria-hidden="true" />{s.zoomCommune} ({MUONG_BANG_CODE})</li>
        <li><span className="swatch swatch-line swatch-thin" style={{ borderColor: DETAILED_VILLAGE_COLOUR }} aria-hidden="true" />{s.detailedVillages}</li>
      </ul>
      {measure !== QUALITY_MEASURE && <p className="hint">{s.classing}</p>}
    </div>
  );

  return (
    <section className="national" aria-labelledby="national-heading">
      <h2 id="national-heading">{s.heading}</h2>
      <p className="hint">{s.intro}</p>
      <div className="national-zoom" role="group" aria-label={s.zoomTo}>
        <button type="button" onClick={() => map?.flyTo({ center: [104.81, 21.17], zoom: 10.5 })}>{s.zoomCommune}</button>
        <button type="button" disabled={!sonLa} onClick={() => sonLa && map?.flyTo({ center: sonLa.centroid as [number, number], zoom: 7.3 })}>{s.zoomProvince}</button>
        <button type="button" onClick={() => map?.flyTo(COUNTRY_VIEW)}>{s.zoomCountry}</button>
      </div>
      <label className="national-measure">
        {s.measure}{' '}
        <select value={measure} onChange={(e) => onMeasure(e.target.value as NationalMeasure)}>
          {NATIONAL_MEASURES.map((m) => <option key={m} value={m}>{s.measures[m]}</option>)}
        </select>
      </label>
      {legendSlot ? createPortal(legend, legendSlot) : legend}
      {error && <p className="error" role="alert">{s.loadError}: {error}</p>}
      {village && (
        <div className="national-village" data-village={village.id} aria-live="polite">
          <h3>{village.label} <button type="button" className="close" onClick={() => setVillage(null)} aria-label={s.close}>×</button></h3>
          <dl><dt>{s.villageCommune}</dt><dd>{village.commune ?? s.unknown}</dd></dl>
        </div>
      )}
      {profile && (
        <div className="national-profile" aria-live="polite">
          <h3>{neighbourName(`${profile.type} ${profile.name}`)} <button type="button" className="close" onClick={() => { setProfile(null); setCommuneCode(''); }} aria-label={s.close}>×</button></h3>
          <dl>
            <dt>{s.code}</dt><dd>{profile.code}</dd>
            <dt>{s.province}</dt><dd>{profile.provinceName}</dd>
            <dt>{s.area}</dt><dd>{formatDecimal(profile.areaKm2)} km²</dd>
            <dt>{s.measured}</dt><dd>{profile.measuredAreaKm2 === null ? s.unknown : `${formatDecimal(profile.measuredAreaKm2)} km²`}</dd>
            <dt>{s.difference}</dt>
            <dd className="area-difference" data-flagged={profile.areaAgreement?.flagged ? 'true' : 'false'}>{areaDifference(profile.areaAgreement)}</dd>
            <dt>{s.population}</dt><dd>{formatInteger(profile.population)}</dd>
            <dt>{s.density}</dt><dd>{profile.densityPerKm2 === null ? s.unknown : `${formatDecimal(profile.densityPerKm2, 0)} ${s.perKm2}`}</dd>
            <dt>{s.adminCentre}</dt><dd>{profile.adminCentre ?? s.unknown}</dd>
            <dt>{s.formerUnits}</dt><dd>{profile.formerUnits?.join(', ') ?? s.unknown}</dd>
          </dl>
          {profile.detailedUnitId && <p className="hint">{s.detailed}</p>}
        </div>
      )}
      {q && (
        <>
          <h3>{s.quality}</h3>
          <table className="national-quality">
            <tbody>
              <tr><th scope="row">{s.qualityRows.units}</th><td>{formatInteger(q.provinceCount)} / {formatInteger(q.communeCount)}</td></tr>
              <tr>
                <th scope="row">{s.qualityRows.population}</th>
                <td>{formatInteger(q.communePopulationSum)} / {q.nationalPopulation.comparator === 'APPROXIMATELY' ? '≈ ' : ''}{formatInteger(q.nationalPopulation.value)} ({q.nationalPopulation.year}): {formatPercent(q.populationRatio)}</td>
              </tr>
              <tr><th scope="row" colSpan={2}>{s.qualityRows.areaFlags(q.areaDisagreements.length, formatPercent(q.areaFlagRatio), formatDecimal(q.areaFlagMinKm2))}</th></tr>
              <tr><th scope="row">{s.qualityRows.noGeometry}</th><td>{q.withoutGeometry.join(', ') || s.qualityRows.none}</td></tr>
              <tr><th scope="row">{s.qualityRows.duplicates}</th><td>{q.duplicateCodes.join(', ') || s.qualityRows.none}</td></tr>
              <tr><th scope="row">{s.qualityRows.provinceAreas}</th><td>{q.provinceAreaMismatches.join(', ') || s.qualityRows.none}</td></tr>
            </tbody>
          </table>
          <p className="hint">{s.populationNote(q.nationalPopulation.source)}</p>
          <table className="national-differences">
            <caption>{s.largestDifferences}</caption>
            <thead><tr><th scope="col">{s.columns.commune}</th><th scope="col">{s.columns.official}</th><th scope="col">{s.columns.measured}</th><th scope="col">{s.columns.difference}</th></tr></thead>
            <tbody>
              {q.areaDisagreements.slice(0, 10).map((a) => (
                <tr key={a.code}>
                  <td>{a.name} ({a.code})</td><td>{formatDecimal(a.officialAreaKm2)}</td><td>{formatDecimal(a.measuredAreaKm2)}</td>
                  <td>{a.relativeDifference === null ? '—' : `${a.relativeDifference > 0 ? '+' : ''}${formatPercent(a.relativeDifference)}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p className="hint">{s.source}</p>
    </section>
  );
}
