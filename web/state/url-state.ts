// The exact view in the URL hash, so a link reopens it: #v=targets&i=povertyRate&l=formerCommune&…&c=lon,lat&z=zoom
// (n: the Country tab's measure)
import { isLang } from '../i18n/lang.ts';
import { CLASS_METHODS, type ClassMethod } from '../model/classify.ts';
import { PALETTES, type PaletteName } from '../model/palettes.ts';
import { NATIONAL_MEASURES, type NationalMeasure } from '../national/national-measures.ts';
import { DEFAULT_STATE, LABEL_MODES, LEVELS, VIEWS, type Camera, type LabelMode, type Level, type UiState, type View } from './ui-state.ts';

/** A camera rounded for the URL: 5 decimals of a degree (about a metre), 2 of zoom. */
export function roundCamera(c: Camera): Camera {
  const r = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
  return { center: [r(c.center[0], 5), r(c.center[1], 5)], zoom: r(c.zoom, 2) };
}

function parseCamera(c: string | null, z: string | null): Camera | null {
  if (!c || !z) return null;
  const [lon, lat] = c.split(',').map(Number);
  const zoom = Number(z);
  if (![lon, lat, zoom].every(Number.isFinite) || c.split(',').length !== 2) return null;
  if (Math.abs(lon) > 180 || Math.abs(lat) > 85 || zoom < 0 || zoom > 22) return null;
  return roundCamera({ center: [lon, lat], zoom });
}

/** Parse a hash ("#v=…&i=…"); unknown or invalid parts fall back to the defaults. */
export function parseHash(hash: string): UiState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const s: UiState = { ...DEFAULT_STATE, hidden: [] };
  const v = p.get('v');
  if (v && (VIEWS as readonly string[]).includes(v)) s.view = v as View;
  const i = p.get('i');
  if (i && /^[A-Za-z0-9_]{1,64}$/.test(i)) s.indicator = i;
  const l = p.get('l');
  if (l && (LEVELS as readonly string[]).includes(l)) s.level = l as Level;
  const m = p.get('m');
  if (m && (CLASS_METHODS as readonly string[]).includes(m)) s.method = m as ClassMethod;
  const k = Number(p.get('k'));
  if (Number.isInteger(k) && k >= 2 && k <= 6) s.classes = k;
  const pal = p.get('p');
  if (pal && (PALETTES as readonly string[]).includes(pal)) s.palette = pal as PaletteName;
  const sel = p.get('s');
  if (sel && /^[A-Za-z0-9_-]{1,64}$/.test(sel)) s.selected = sel;
  const lang = p.get('lang');
  if (isLang(lang)) s.lang = lang;
  const h = p.get('h');
  if (h) s.hidden = h.split(',').filter((x) => /^[A-Za-z0-9_-]{1,40}$/.test(x));
  const lb = p.get('lb');
  if (lb && (LABEL_MODES as readonly string[]).includes(lb)) s.labels = lb as LabelMode;
  const i2 = p.get('i2');
  if (i2 && /^[A-Za-z0-9_]{1,64}$/.test(i2)) s.compare = i2;
  const n = p.get('n');
  if (n && (NATIONAL_MEASURES as readonly string[]).includes(n)) s.national = n as NationalMeasure;
  s.camera = parseCamera(p.get('c'), p.get('z'));
  return s;
}

/** The hash of a state; defaults are left out so links stay short. */
export function toHash(s: UiState): string {
  const p = new URLSearchParams();
  p.set('v', s.view);
  p.set('i', s.indicator);
  p.set('l', s.level);
  if (s.method !== DEFAULT_STATE.method) p.set('m', s.method);
  if (s.classes !== DEFAULT_STATE.classes) p.set('k', String(s.classes));
  if (s.palette) p.set('p', s.palette);
  if (s.selected) p.set('s', s.selected);
  p.set('lang', s.lang);
  if (s.hidden.length) p.set('h', s.hidden.join(','));
  if (s.labels !== DEFAULT_STATE.labels) p.set('lb', s.labels);
  if (s.compare !== DEFAULT_STATE.compare) p.set('i2', s.compare);
  if (s.national !== DEFAULT_STATE.national) p.set('n', s.national);
  if (s.camera) {
    const c = roundCamera(s.camera);
    p.set('c', `${c.center[0]},${c.center[1]}`);
    p.set('z', String(c.zoom));
  }
  // Commas need no escaping in a fragment: "c=104.9,21.3" reads better than "c=104.9%2C21.3".
  return `#${p.toString().replace(/%2C/gi, ',')}`;
}
