// Entry: the map first (created before React and the panels' modules are evaluated, map/early-map.ts), then bundled
// fonts (Vietnamese and Latin woff2 only, see fonts.css), MapLibre CSS, the app.
import './map/early-map.ts';
import './fonts.css';
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
