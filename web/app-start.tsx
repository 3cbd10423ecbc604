// The map first (created before React and the panels' modules are evaluated, map/early-map.ts), then the app.
import './map/early-map.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
