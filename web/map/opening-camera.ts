// The camera the commune map opens at, worked out before the map and the page's panels exist (the first picture and
// the map made before React open there): the URL's, else the commune fitted as fitBounds fits it, clear of the panels
// the page will lay out. MapView fits the same way once the panels are there, so the view does not jump.
import type { AtlasData } from '../api/atlas-data.ts';
import { fitCamera, type PictureCamera } from '../first-picture/mercator-camera.ts';
import type { UiState, View } from '../state/ui-state.ts';
import { PHONE_SCREEN } from '../state/phone-screen.ts';
import { bboxOf } from './bounds.ts';
import { paddingIn } from './fit.ts';

/**
 * The panels the map's fit keeps the commune clear of (MapView: the side panel and the legend card), as the page will
 * lay them out: React has not rendered them yet, so empty stand-ins with their classes are measured (the CSS sets
 * their widths, the phone's sheet height and the folded legend's one line) and removed at once.
 */
function withPanelStandIns<T>(view: View, measure: (panels: HTMLElement[]) => T): T {
  const real = [document.querySelector<HTMLElement>('.app > .panel'), document.querySelector<HTMLElement>('.legend-card')];
  if (real.every((p) => p !== null)) return measure(real as HTMLElement[]);
  const app = document.createElement('div');
  app.className = 'app';
  app.dataset.view = view;
  app.dataset.sheet = 'peek';
  app.setAttribute('aria-hidden', 'true');
  app.style.cssText = 'position:fixed;inset:0;visibility:hidden;pointer-events:none';
  const panel = document.createElement('aside');
  panel.className = 'panel';
  const legend = document.createElement('aside');
  // Folded to its title line on a phone (LegendCard.tsx), open elsewhere.
  legend.className = matchMedia(PHONE_SCREEN).matches ? 'legend-card is-collapsed' : 'legend-card';
  legend.innerHTML = '<button type="button" class="legend-toggle"><span class="legend-toggle-title">&nbsp;</span></button>';
  app.append(panel, legend);
  document.body.append(app);
  try {
    return measure([panel, legend]);
  } finally {
    app.remove();
  }
}

/** The camera the map opens at in `container`: the URL's, else the commune fitted clear of the panels. */
export function openingCamera(container: HTMLElement, data: AtlasData, ui: UiState): PictureCamera {
  if (ui.camera) return ui.camera;
  const box = container.getBoundingClientRect();
  const padding = withPanelStandIns(ui.view, (panels) => paddingIn(container, panels));
  return fitCamera(bboxOf(data.commune.geometry), box.width, box.height, padding);
}
