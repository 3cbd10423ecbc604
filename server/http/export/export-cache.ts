// Downloads are streamed. Anonymous ones are the same for everyone until the data changes: each is built once
// per data version (and once for many callers asking at the same moment), kept as its bytes, and sent from
// them with Content-Length and an ETag. A signed-in viewer's download is written straight to the response
// as it is generated, and stops as soon as the client goes away.
import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import type { AtlasSnapshot, AtlasStore } from '../../store/atlas-store.ts';
import { CACHE_HEADER, PUBLIC_CACHE_CONTROL } from '../cached-reads.ts';
import { viewerOf } from '../viewer.ts';

/** A download: its name and type, and how to write it to a stream (which it ends). */
export interface Download { filename: string; type: string; write: (out: Writable) => Promise<void> }

/** A download built once: its bytes as written (kept in the writer's chunks) and their ETag. */
interface Built { chunks: Buffer[]; length: number; etag: string }

/** Most bytes of downloads kept; the oldest go first. */
const MAX_BYTES = 64 * 1024 * 1024;

async function build(d: Download): Promise<Built> {
  const chunks: Buffer[] = [];
  let length = 0;
  const hash = createHash('sha256');
  await d.write(new Writable({
    write(chunk: Buffer, _enc, done) { chunks.push(chunk); length += chunk.length; hash.update(chunk); done(); },
  }));
  // Weak: the compression middleware may send these bytes gzip- or brotli-encoded under the same tag.
  return { chunks, length, etag: `W/"${hash.digest('base64url').slice(0, 27)}"` };
}

/** True when the client went away before the download was complete (nothing to report). */
const clientLeft = (res: Response, e: unknown) => res.destroyed || (e as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE';

/**
 * Sends the download `make` describes from the data as it is now. Anonymous callers share one copy per (data version, path and query):
 * the first builds it (x-atlas-cache: miss), the others get it from memory (hit), including those who
 * asked while it was being built. Signed-in viewers may see more, so theirs is generated for them each time.
 */
export function exportCache(store: AtlasStore) {
  let version = -1;
  const entries = new Map<string, Promise<Built>>();
  const sizes = new Map<string, number>();
  let bytes = 0;

  const forget = (key: string) => { entries.delete(key); bytes -= sizes.get(key) ?? 0; sizes.delete(key); };

  return async function send(req: Request, res: Response, make: (data: AtlasSnapshot) => Download): Promise<void> {
    const data = await store.snapshot();
    const download = make(data);
    const headers = () => { res.attachment(download.filename); res.type(download.type); };
    if (viewerOf(req).role !== 'anonymous') {
      headers();
      try {
        await download.write(res);
      } catch (e) {
        if (clientLeft(res, e)) return;
        if (res.headersSent) { res.destroy(e as Error); return; } // a half-sent file must not look complete
        throw e;
      }
      return;
    }
    if (data.version !== version) { entries.clear(); sizes.clear(); bytes = 0; version = data.version; }
    const key = req.originalUrl;
    let pending = entries.get(key);
    res.setHeader(CACHE_HEADER, pending ? 'hit' : 'miss');
    if (!pending) {
      const builtAt = version;
      pending = build(download);
      entries.set(key, pending);
      pending.then((d) => {
        if (builtAt !== version || entries.get(key) !== pending) return;
        sizes.set(key, d.length);
        bytes += d.length;
        for (const k of entries.keys()) { if (bytes <= MAX_BYTES) break; forget(k); }
      }, () => forget(key)); // a failed build is not kept: the next caller tries again
    } else {
      entries.delete(key); entries.set(key, pending); // most recently used last
    }
    const built = await pending;
    headers();
    // Unless a session cookie came (an expired one too): then sessionCacheHeaders said private, no-store.
    if (!res.hasHeader('Cache-Control')) res.setHeader('Cache-Control', PUBLIC_CACHE_CONTROL);
    res.setHeader('ETag', built.etag);
    if (req.fresh) { res.status(304).end(); return; }
    res.setHeader('Content-Length', String(built.length));
    try {
      await pipeline(Readable.from(built.chunks), res);
    } catch (e) {
      if (!clientLeft(res, e)) throw e;
    }
  };
}
