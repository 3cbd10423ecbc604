// What the person is looking at: the one state the URL hash carries (see url-state.ts).
import type { Lang } from '../i18n/lang.ts';
import type { ClassMethod } from '../model/classify.ts';
import type { PaletteName } from '../model/palettes.ts';
import { DEFAULT_NATIONAL_MEASURE, type NationalMeasure } from '../national/national-measures.ts';

export type Level = 'village' | 'formerCommune';
export type View = 'overview' | 'scorecard' | 'layers' | 'compare' | 'targets' | 'planner' | 'console' | 'national' | 'field' | 'review';
/** The pages everyone has a tab for. */
export const PUBLIC_VIEWS: readonly View[] = ['overview', 'scorecard', 'layers', 'compare', 'targets', 'planner', 'console', 'national'];
/** The pages editors and admins also have: field recording and the review of what came from the field. */
export const EDITOR_VIEWS: readonly View[] = ['field', 'review'];
export const VIEWS: readonly View[] = [...PUBLIC_VIEWS, ...EDITOR_VIEWS];
export const LEVELS: readonly Level[] = ['village', 'formerCommune'];
/** What a bản label says: its name, the value of the indicator shown, or both. */
export type LabelMode = 'name' | 'value' | 'both';
/** The map view: centre [lon, lat] and zoom; null until the person moves the map (it then fits the commune). */
export interface Camera {
  center: [number, number];
  zoom: number;
}
export const LABEL_MODES: readonly LabelMode[] = ['name', 'value', 'both'];

export interface UiState {
  view: View;
  indicator: string;
  level: Level;
  method: ClassMethod;
  classes: number;
  /** null: the default for the indicator's direction. */
  palette: PaletteName | null;
  /** Selected bản id (its profile is open). */
  selected: string | null;
  lang: Lang;
  /** Ids of the layers switched off in the layer list. */
  hidden: string[];
  labels: LabelMode;
  camera: Camera | null;
  /** The indicator of the compare view's second map (the first shows `indicator` at `level`). */
  compare: string;
  /** What the Country tab colours the communes by. */
  national: NationalMeasure;
}

// The landing view is the gaps; the map opens on poverty by former commune: a 2030 target, figures for
// every former commune, and nothing sensitive on a screen shown in a meeting (drug status is one click away).
export const DEFAULT_STATE: UiState = {
  view: 'overview',
  indicator: 'povertyRate',
  level: 'formerCommune',
  method: 'ckmeans',
  classes: 4,
  palette: null,
  selected: null,
  lang: 'vi',
  hidden: [],
  labels: 'name',
  camera: null,
  // Road access per bản beside poverty: a 2030 target, values per bản, nothing sensitive.
  compare: 'carRoadAccess',
  national: DEFAULT_NATIONAL_MEASURE,
};
