// Builds the service worker (web/offline/service-worker.ts) into the page's build as sw.js, with the list of
// files to precache, each with its revision: everything the page can reach without opening the analyst
// console — index.html, the JS chunks (the lazy panels and field mode too), their CSS, the fonts, MapLibre's
// and the partition preview's workers, the manifest and icons. The console's editor (GraphiQL, Monaco and
// their workers, megabytes a phone in the field never needs) is cached when it is first opened.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import type { Plugin } from 'vite';
import type { OutputAsset, OutputBundle, OutputChunk } from 'rolldown';

const PUBLIC_DIR = new URL('../public/', import.meta.url).pathname;

/** A chunk of the analyst console: the precache stops there. */
const isConsoleChunk = (c: OutputChunk) => c.moduleIds.some((id) => id.includes('/web/console/'));

/** The files of the bundle the page reaches without the analyst console. */
export function reachableFiles(bundle: OutputBundle): Set<string> {
  const chunks = Object.values(bundle).filter((x): x is OutputChunk => x.type === 'chunk');
  const assets = Object.values(bundle).filter((x): x is OutputAsset => x.type === 'asset');
  const reached = new Set<string>(['index.html']);
  const texts: string[] = [];
  const html = assets.find((a) => a.fileName === 'index.html');
  if (html) texts.push(String(html.source));
  const queue = chunks.filter((c) => c.isEntry);
  while (queue.length) {
    const c = queue.pop()!;
    if (reached.has(c.fileName) || isConsoleChunk(c)) continue;
    reached.add(c.fileName);
    texts.push(c.code);
    for (const css of c.viteMetadata?.importedCss ?? []) reached.add(css);
    for (const asset of c.viteMetadata?.importedAssets ?? []) reached.add(asset);
    for (const next of [...c.imports, ...c.dynamicImports]) {
      const n = bundle[next];
      if (n?.type === 'chunk') queue.push(n);
    }
  }
  for (const a of assets) if (reached.has(a.fileName) && a.fileName.endsWith('.css')) texts.push(String(a.source));
  // Workers, fonts and scripts are named in the code or CSS that loads them (new URL(…), url(…), <link>, <script>).
  // A stylesheet is reached only through its chunk: the entry's preload map names the console's CSS too.
  for (const a of assets) {
    if (reached.has(a.fileName) || a.fileName.endsWith('.css') || a.fileName === 'sw.js') continue;
    const name = basename(a.fileName);
    if (texts.some((t) => t.includes(name))) reached.add(a.fileName);
  }
  return reached;
}

/** Vite plugin: emits sw.js, which also fetches the boot reads (`bootUrls`) when it installs (build only; after the HTML is written, so index.html is in the list). */
export function serviceWorker(opts: { bootUrls: string[] }): Plugin {
  return {
    name: 'service-worker',
    apply: 'build',
    enforce: 'post',
    async generateBundle(_options, bundle) {
      const entries: Array<{ url: string; revision: string | null }> = [];
      for (const fileName of reachableFiles(bundle as unknown as OutputBundle)) {
        const item = bundle[fileName];
        if (!item) continue;
        const source = item.type === 'chunk' ? item.code : item.source;
        // Names under assets/ carry their content hash; the others (index.html) need a revision.
        entries.push({ url: fileName, revision: fileName.startsWith('assets/') ? null : createHash('sha256').update(source).digest('hex').slice(0, 16) });
      }
      // web/public (manifest, icons) is copied beside the bundle, not part of it.
      for (const name of readdirSync(PUBLIC_DIR, { recursive: true }) as string[]) {
        const path = join(PUBLIC_DIR, name);
        if (statSync(path).isFile()) entries.push({ url: name, revision: createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16) });
      }
      const out = await build({
        entryPoints: [new URL('./service-worker.ts', import.meta.url).pathname],
        bundle: true, write: false, format: 'iife', minify: true, target: 'es2020',
        define: { 'self.__WB_MANIFEST': JSON.stringify(entries), 'self.__ATLAS_BOOT_URLS': JSON.stringify(opts.bootUrls), 'process.env.NODE_ENV': '"production"' },
      });
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: out.outputFiles[0].text });
    },
  };
}
