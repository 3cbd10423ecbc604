// The map first (created before React and the panels' modules are evaluated, map/early-map.ts), then the app.
import { firstPaintDrawn } from './map/early-map.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';

// React renders once the map has drawn its first paint (it needs the main thread for its first frames).
void firstPaintDrawn().then(() => createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
));
