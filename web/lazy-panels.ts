// The panels the first map does not need, each fetched as its own chunk when first shown: only the map,
// the legend and the default panel (the scorecard) are in the first-load JS.
import { lazy } from 'react';

export const LayerList = lazy(() => import('./panels/LayerList.tsx').then((m) => ({ default: m.LayerList })));
export const TargetsPanel = lazy(() => import('./panels/TargetsPanel.tsx').then((m) => ({ default: m.TargetsPanel })));
export const Planner = lazy(() => import('./panels/Planner.tsx').then((m) => ({ default: m.Planner })));
export const VillageProfile = lazy(() => import('./panels/VillageProfile.tsx').then((m) => ({ default: m.VillageProfile })));
export const ConsolePanel = lazy(() => import('./panels/ConsolePanel.tsx').then((m) => ({ default: m.ConsolePanel })));
export const ConsolePane = lazy(() => import('./panels/ConsolePanel.tsx').then((m) => ({ default: m.ConsolePane })));
export const FieldMode = lazy(() => import('./field/FieldMode.tsx').then((m) => ({ default: m.FieldMode })));
export const ReviewQueue = lazy(() => import('./review/ReviewQueue.tsx').then((m) => ({ default: m.ReviewQueue })));
