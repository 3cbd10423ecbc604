// Anonymous downloads are the same for everyone until the data changes: each is built once per data
// version (and once for many callers asking at the same moment), then served from memory.
import type { Request, Response } from 'express';
import type { AtlasStore } from '../../store/atlas-store.ts';
import { CACHE_HEADER } from '../cached-reads.ts';
import { viewerOf } from '../viewer.ts';

export interface Download { filename: string; type: string; body: Buffer }

/** Most bytes of downloads kept; the oldest go first. */
const MAX_BYTES = 64 * 1024 * 1024;

/**
 * Sends the download `build` makes. Anonymous callers share one copy per (data version, path and query):
 * the first builds it (x-atlas-cache: miss), the others get it from memory (hit), including those who
 * asked while it was being built. Signed-in viewers may see more, so theirs is built for them each time.
 */
export function exportCache(store: AtlasStore) {
  let version = -1;
  const entries = new Map<string, Promise<Download>>();
  const sizes = new Map<string, number>();
  let bytes = 0;

  const forget = (key: string) => { entries.delete(key); bytes -= sizes.get(key) ?? 0; sizes.delete(key); };

  return async function send(req: Request, res: Response, build: () => Promise<Download> | Download): Promise<void> {
    let download: Download;
    if (viewerOf(req).role !== 'anonymous') {
      download = await build();
    } else {
      if (store.dataVersion() !== version) { entries.clear(); sizes.clear(); bytes = 0; version = store.dataVersion(); }
      const key = req.originalUrl;
      let pending = entries.get(key);
      res.setHeader(CACHE_HEADER, pending ? 'hit' : 'miss');
      if (!pending) {
        const builtAt = version;
        pending = Promise.resolve().then(build);
        entries.set(key, pending);
        pending.then((d) => {
          if (builtAt !== version || entries.get(key) !== pending) return;
          sizes.set(key, d.body.length);
          bytes += d.body.length;
          for (const k of entries.keys()) { if (bytes <= MAX_BYTES) break; forget(k); }
        }, () => forget(key)); // a failed build is not kept: the next caller tries again
      } else {
        entries.delete(key); entries.set(key, pending); // most recently used last
      }
      download = await pending;
    }
    res.attachment(download.filename);
    res.type(download.type).send(download.body);
  };
}
