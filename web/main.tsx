// Entry: bundled fonts (Vietnamese and Latin woff2 only, see fonts.css), MapLibre CSS, the app.
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
