// Print (A4, laid out by the print style sheet) and PNG export of the map with its legend.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useState } from 'react';
import type { AtlasData } from '../api/atlas-data.ts';
import { indicatorName, t, unitLabel, refLabel } from '../i18n/i18n.ts';
import { publishAtlas } from '../map/atlas-global.ts';
import { boundaryAttribution } from '../map/attribution.ts';
import { fitToCommune } from '../map/fit.ts';
import { enterPrintLayout, type PrintOrientation } from '../map/print-layout.ts';
import { composePng, type ExportLayout } from '../map/export-png.ts';
import type { ChoroplethModel } from '../model/choropleth.ts';
import { download } from '../planner/csv.ts';

declare global {
  interface Window {
    /** Where the last PNG export drew its legend (read by the page test). */
    __atlasExport?: ExportLayout;
  }
}

/** "Nguồn: document · section; …" of the values shown. */
export function sourceLine(model: ChoroplethModel): string {
  const labels = [...new Set(model.sources.map(refLabel))];
  return `${t().sourcePrefix}: ${labels.length ? labels.join('; ') : t().noSource}`;
}

// One date format per language: making an Intl.DateTimeFormat costs milliseconds, and the print header is
// rendered again on every indicator switch.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormat = (locale: string) => {
  let f = dayFormats.get(locale);
  if (!f) dayFormats.set(locale, (f = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric' })));
  return f;
};

/** "Số liệu đến 2025 · In ngày 01/07/2025". */
export function dateLine(model: ChoroplethModel): string {
  const s = t();
  const today = dayFormat(s.locale).format(new Date());
  return `${s.legend.dataDate} ${model.periods[0] ?? '—'} · ${s.print.printedOn} ${today}`;
}

/** The title of a printed or exported map. */
export function mapTitle(data: AtlasData, model: ChoroplethModel): string {
  return `${data.commune.name.startsWith('Xã') ? data.commune.name : `Xã ${data.commune.name}`} — ${indicatorName(model.indicator)}`;
}

/** The two buttons. */
export function PrintTools({ map, data, model }: { map: MapLibreMap | null; data: AtlasData; model: ChoroplethModel }) {
  const s = t();
  const [busy, setBusy] = useState(false);
  // Lay the page out as the paper, fit the commune into the paper's map frame, wait until it is drawn, then print.
  const print = async (orientation: PrintOrientation) => {
    if (!map) return;
    enterPrintLayout(orientation);
    map.resize();
    fitToCommune(map, data.commune, []);
    await new Promise<void>((resolve) => {
      map.once('idle', () => resolve());
      map.triggerRepaint();
    });
    publishAtlas({ map, printLayout: orientation });
    window.print();
  };
  const exportPng = async () => {
    if (!map) return;
    setBusy(true);
    try {
      // Wait until everything in view is drawn; composePng copies the next frame.
      await new Promise<void>((resolve) => {
        map.once('idle', () => resolve());
        map.triggerRepaint();
      });
      const unit = model.kind === 'numeric' ? ` (${model.indicator.kind === 'boolean' ? s.legend.shareOfVillages : unitLabel(model.unit)})` : '';
      const { blob, layout } = await composePng(map, data, model, {
        title: mapTitle(data, model),
        subtitle: `${s.layers.levels[model.level]}${model.kind === 'numeric' ? ` · ${s.layers.methods[model.method]}` : ''}`,
        legendTitle: `${indicatorName(model.indicator)}${unit}`,
        count: (e) => s.legend.countOf(e.count, model.total, model.unitNoun),
        source: sourceLine(model),
        dataDate: dateLine(model),
        attribution: `${boundaryAttribution(data.commune, data.sources).text} · ${s.villageCellsAttribution}: ${s.quality.SCHEMATIC}`,
      });
      window.__atlasExport = layout;
      download(`${model.indicator.key}-${model.level}.png`, blob);
    } catch (e) {
      console.error(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="print-tools">
      <button type="button" className="btn print-btn" onClick={() => void print('portrait')} disabled={!map}>{s.print.button}</button>
      <button type="button" className="btn print-landscape-btn" onClick={() => void print('landscape')} disabled={!map}>{s.print.landscape}</button>
      <button type="button" className="btn png-btn" onClick={exportPng} disabled={busy || !map}>{s.print.png}</button>
    </div>
  );
}

/** Shown only on paper: title, level, data date, source. */
export function PrintHeader({ data, model }: { data: AtlasData; model: ChoroplethModel }) {
  const s = t();
  return (
    <header className="print-header" aria-hidden="true">
      <h1>{mapTitle(data, model)}</h1>
      <p>{s.subtitle(data.villages.length, data.commune.formerCommunes.length)} · {s.layers.levels[model.level]}</p>
      <p className="print-date">{dateLine(model)}</p>
      <p className="print-source">{sourceLine(model)}</p>
    </header>
  );
}
