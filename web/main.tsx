// Entry: bundled fonts, MapLibre CSS, the app.
// Fonts: the per-weight files declare every subset with its unicode-range, so the browser fetches
// only the Vietnamese and Latin files, from our own origin. (The bare subset files, e.g.
// vietnamese-400.css, have no unicode-range: importing latin after them would hide the Vietnamese face.)
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/400-italic.css';
import '@fontsource/noto-sans/700.css';
import 'maplibre-gl/dist/maplibre-gl.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
