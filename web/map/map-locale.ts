// MapLibre's own words (canvas name, zoom buttons, popup close) in the interface's language. MapLibre
// reads its locale when the map is made; a language switch later relabels the controls already drawn.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { t } from '../i18n/i18n.ts';

/** MapLibre's UI strings in the current language. */
export function mapLocale(): Record<string, string> {
  const c = t().mapControls;
  return {
    'Map.Title': c.map, 'NavigationControl.ZoomIn': c.zoomIn, 'NavigationControl.ZoomOut': c.zoomOut,
    'Popup.Close': c.close, 'Marker.Title': c.marker, 'AttributionControl.ToggleAttribution': c.toggleAttribution,
  };
}

/** Relabel the controls of a map made in another language. */
export function applyMapLocale(map: MapLibreMap): void {
  const locale = mapLocale();
  // Popups and controls made from now on read the map's locale (MapLibre keeps it in _locale).
  (map as unknown as { _locale: Record<string, string> })._locale = { ...(map as unknown as { _locale: Record<string, string> })._locale, ...locale };
  const root = map.getContainer();
  const label = (selector: string, text: string) => root.querySelectorAll(selector).forEach((el) => {
    el.setAttribute('aria-label', text);
    if (el.hasAttribute('title')) el.setAttribute('title', text);
  });
  label('canvas.maplibregl-canvas', locale['Map.Title']);
  label('.maplibregl-ctrl-zoom-in', locale['NavigationControl.ZoomIn']);
  label('.maplibregl-ctrl-zoom-out', locale['NavigationControl.ZoomOut']);
  label('.maplibregl-popup-close-button', locale['Popup.Close']);
  label('.maplibregl-ctrl-attrib-button', locale['AttributionControl.ToggleAttribution']);
}
