// The boot data the boot-start script's GETs brought (persisted-get.ts), as AtlasData, made once for the first picture
// and the map made before React (both draw the first paint from it before the page's modules have run).
import { atlasDataOf, type BootAnswer, type BootValuesAnswer } from './boot-data.ts';
import type { AtlasData } from './atlas-data.ts';
import { startedAnswer } from './persisted-get.ts';

/** Once the boot-start script has run (it is loaded async: it may run after the module asking). */
function bootStartRan(): Promise<void> {
  const script = document.querySelector<HTMLScriptElement>('script[src*="boot-start-"]');
  if ((window as { __atlasStarted?: unknown }).__atlasStarted || !script) return Promise.resolve();
  return new Promise((resolve) => {
    script.addEventListener('load', () => resolve(), { once: true });
    script.addEventListener('error', () => resolve(), { once: true });
  });
}

/** The data of a boot GET the boot-start script started, parsed once for everyone (persisted-get.ts). */
async function startedData<T>(name: string): Promise<T | null> {
  await bootStartRan();
  const answer = await startedAnswer(name, false);
  return (answer?.body as { data?: T } | undefined)?.data ?? null;
}

let made: Promise<AtlasData | null> | null = null;

/** The started boot answers as AtlasData; null when either was not started or failed (the page then asks again). */
export function startedAtlasData(): Promise<AtlasData | null> {
  made ??= Promise.all([startedData<BootAnswer>('AtlasBoot'), startedData<BootValuesAnswer>('AtlasBootValues')])
    .then(([boot, values]) => (boot && values ? atlasDataOf(boot, values) : null));
  return made;
}
