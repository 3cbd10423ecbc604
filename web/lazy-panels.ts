// The panels the first map does not need, each fetched as its own chunk when first shown: only the map,
// the legend and the default panel (the scorecard) are in the first-load JS.
import { lazy } from 'react';

export const LayerList = lazy(() => import('./panels/LayerList.tsx').then((m) => ({ default: m.LayerList })));
export const TargetsPanel = lazy(() => import('./panels/TargetsPanel.tsx').then((m) => ({ default: m.TargetsPanel })));
export const Planner = lazy(() => import('./panels/Planner.tsx').then((m) => ({ default: m.Planner })));
export const VillageProfile = lazy(() => import('./panels/VillageProfile.tsx').then((m) => ({ default: m.VillageProfile })));
export const ConsolePanel = lazy(() => import('./panels/ConsolePanel.tsx').then((m) => ({ default: m.ConsolePanel })));
export const ConsolePane = lazy(() => import('./panels/ConsolePanel.tsx').then((m) => ({ default: m.ConsolePane })));
// The planner's criteria and weights under the legend (with the geodesic distances of the criteria): shown only while the planner is open.
export const PriorityWeights = lazy(() => import('./panels/PriorityWeights.tsx').then((m) => ({ default: m.PriorityWeights })));
export const ComparePanel = lazy(() => import('./compare/ComparePanel.tsx').then((m) => ({ default: m.ComparePanel })));
export const CompareMaps = lazy(() => import('./compare/CompareMaps.tsx').then((m) => ({ default: m.CompareMaps })));
const nationalPanelChunk = () => import('./national/NationalPanel.tsx');
export const NationalPanel = lazy(() => nationalPanelChunk().then((m) => ({ default: m.NationalPanel })));
/** Ask for the Country tab's panel before the commune's data lets it render (a page opened on that tab). */
export const preloadNationalPanel = (): void => void nationalPanelChunk().catch(() => { /* the panel's own import reports it */ });
export const FieldMode = lazy(() => import('./field/FieldMode.tsx').then((m) => ({ default: m.FieldMode })));
export const ReviewQueue = lazy(() => import('./review/ReviewQueue.tsx').then((m) => ({ default: m.ReviewQueue })));
