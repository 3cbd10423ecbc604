// Registers the service worker (sw.js, built from service-worker.ts) once the page has loaded (App.tsx calls it once
// the first choropleth is drawn), so that its precache does not compete with the first map for network and CPU.
/** Register sw.js in a production build (the dev server has none). */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('./sw.js').catch((e: unknown) => console.warn('service worker not registered', e));
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
