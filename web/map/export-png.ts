// PNG of the map composed with its legend: the map canvas (copied inside a frame, map-snapshot.ts),
// the bản names (DOM markers, so drawn again here), a title, the legend with counts, a scale bar,
// the source and the data date. Drawn on a 2D canvas in the browser; nothing is sent anywhere.
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AtlasData } from '../api/atlas-data.ts';
import type { ChoroplethModel, LegendEntry } from '../model/choropleth.ts';
import { drawDots } from './dots-pattern.ts';
import { drawHatch } from './hatch-pattern.ts';
import { snapshotMap } from './map-snapshot.ts';
import { scaleBar } from './scale.ts';

export interface ExportText {
  title: string;
  subtitle: string;
  legendTitle: string;
  /** "7 / 23 bản" for an entry. */
  count: (e: LegendEntry) => string;
  source: string;
  dataDate: string;
  attribution: string;
}

export interface ExportLayout {
  width: number;
  height: number;
  /** Where each legend swatch was drawn (device pixels), for checking the picture. */
  swatches: Array<{ key: string; x: number; y: number; w: number; h: number; color: string; pattern: string | null }>;
  legendLabels: string[];
}

const FONT = "'Noto Sans', system-ui, sans-serif";

function wrap(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (ctx.measureText(next).width > maxWidth && line) {
      lines.push(line);
      line = w;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function haloText(ctx: CanvasRenderingContext2D, text: string, x: number, y: number): void {
  ctx.lineWidth = 3;
  ctx.strokeStyle = 'rgba(255,255,255,0.95)';
  ctx.strokeText(text, x, y);
  ctx.fillText(text, x, y);
}

/** Compose the PNG; resolves with the file and where things were drawn. */
export async function composePng(map: MapLibreMap, data: AtlasData, model: ChoroplethModel, text: ExportText): Promise<{ blob: Blob; layout: ExportLayout }> {
  const src = map.getCanvas();
  const frame = await snapshotMap(map);
  const dpr = src.width / src.clientWidth || 1;
  const pad = Math.round(16 * dpr);
  const legendW = Math.round(300 * dpr);
  const headerH = Math.round(64 * dpr);
  const footerH = Math.round(46 * dpr);
  const mapW = src.width;
  const mapH = src.height;
  const width = mapW + legendW + pad * 3;
  const height = headerH + Math.max(mapH, Math.round(420 * dpr)) + footerH + pad;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  const px = (n: number) => Math.round(n * dpr);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);

  // Title.
  ctx.fillStyle = '#1f2a30';
  ctx.textBaseline = 'top';
  ctx.font = `700 ${px(22)}px ${FONT}`;
  ctx.fillText(text.title, pad, px(12));
  ctx.font = `400 ${px(13)}px ${FONT}`;
  ctx.fillStyle = '#5b656b';
  ctx.fillText(text.subtitle, pad, px(40));

  // Map and its bản names.
  const mapX = pad;
  const mapY = headerH;
  ctx.drawImage(frame, mapX, mapY);
  ctx.strokeStyle = '#9aa5a0';
  ctx.lineWidth = 1;
  ctx.strokeRect(mapX + 0.5, mapY + 0.5, mapW - 1, mapH - 1);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#14202a';
  for (const v of data.villages) {
    const p = map.project(v.centroid);
    if (p.x < 0 || p.y < 0 || p.x > src.clientWidth || p.y > src.clientHeight) continue;
    ctx.font = v.nameKnown ? `700 ${px(11.5)}px ${FONT}` : `italic 400 ${px(10.5)}px ${FONT}`;
    haloText(ctx, v.nameKnown && v.name ? v.name : v.provisionalLabel, mapX + p.x * dpr, mapY + p.y * dpr);
  }

  // Scale bar, bottom left of the map.
  const bar = scaleBar(map, 110);
  const bx = mapX + px(12);
  const by = mapY + mapH - px(16);
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(bx - px(6), by - px(22), px(bar.px + 12), px(30));
  ctx.strokeStyle = '#1f2a30';
  ctx.lineWidth = px(2);
  ctx.beginPath();
  ctx.moveTo(bx, by - px(6));
  ctx.lineTo(bx, by);
  ctx.lineTo(bx + px(bar.px), by);
  ctx.lineTo(bx + px(bar.px), by - px(6));
  ctx.stroke();
  ctx.fillStyle = '#1f2a30';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.font = `400 ${px(11)}px ${FONT}`;
  ctx.fillText(bar.label, bx + px(2), by - px(9));

  // Legend.
  const lx = mapX + mapW + pad;
  let ly = mapY;
  ctx.textBaseline = 'top';
  ctx.fillStyle = '#1f2a30';
  ctx.font = `700 ${px(14)}px ${FONT}`;
  for (const line of wrap(ctx, text.legendTitle, legendW)) {
    ctx.fillText(line, lx, ly);
    ly += px(19);
  }
  ly += px(6);
  const hatch = ctx.createPattern(await createImageBitmap(drawHatch(Math.max(1, Math.round(dpr)))), 'repeat');
  const dots = ctx.createPattern(await createImageBitmap(drawDots(Math.max(1, Math.round(dpr)))), 'repeat');
  const swatches: ExportLayout['swatches'] = [];
  const legendLabels: string[] = [];
  for (const e of model.entries) {
    const [w, h] = [px(26), px(18)];
    ctx.fillStyle = e.color;
    ctx.fillRect(lx, ly, w, h);
    if (e.pattern) {
      ctx.fillStyle = (e.pattern === 'hatch' ? hatch : dots) ?? e.color;
      ctx.fillRect(lx, ly, w, h);
    }
    ctx.strokeStyle = '#5b656b';
    ctx.lineWidth = 1;
    ctx.strokeRect(lx + 0.5, ly + 0.5, w - 1, h - 1);
    swatches.push({ key: e.key, x: lx, y: ly, w, h, color: e.color, pattern: e.pattern });
    ctx.fillStyle = '#1f2a30';
    ctx.font = `700 ${px(12.5)}px ${FONT}`;
    ctx.fillText(e.label, lx + w + px(8), ly + px(1));
    ctx.font = `400 ${px(12)}px ${FONT}`;
    ctx.textAlign = 'right';
    ctx.fillText(text.count(e), lx + legendW, ly + px(1));
    ctx.textAlign = 'left';
    legendLabels.push(`${e.label} ${text.count(e)}`);
    ly += px(28);
  }
  ly += px(8);
  ctx.font = `italic 400 ${px(11)}px ${FONT}`;
  ctx.fillStyle = '#5b656b';
  for (const line of wrap(ctx, text.source, legendW)) {
    ctx.fillText(line, lx, ly);
    ly += px(15);
  }
  ly += px(4);
  ctx.font = `700 ${px(11.5)}px ${FONT}`;
  ctx.fillText(text.dataDate, lx, ly);

  // Footer: attribution.
  ctx.font = `400 ${px(10)}px ${FONT}`;
  ctx.fillStyle = '#5b656b';
  let fy = headerH + Math.max(mapH, px(420)) + px(8);
  for (const line of wrap(ctx, text.attribution, width - 2 * pad).slice(0, 3)) {
    ctx.fillText(line, pad, fy);
    fy += px(13);
  }

  const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  return { blob, layout: { width, height, swatches, legendLabels } };
}
