// The built web page. Files under assets/ carry a hash of their content in their name, so a browser may keep
// them for a year without asking again; index.html names the current ones and is revalidated on every visit
// (an upgrade shows at once). Where the build wrote a .br or .gz beside a file (web/build/precompress-plugin.ts),
// that is sent as it is to a client that accepts it; other files go through the compression middleware.
import express, { type RequestHandler } from 'express';
import { statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
/** Encodings the build writes, best first, with the extension of their file. */
const ENCODINGS = [{ name: 'br', ext: '.br' }, { name: 'gzip', ext: '.gz' }] as const;

/** Cache-Control for a path of the build: hashed assets forever, the rest (index.html) revalidated. */
export function staticCacheControl(urlPath: string): string {
  return urlPath.startsWith('/assets/') ? IMMUTABLE : REVALIDATE;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Whether a client's Accept-Encoding allows an encoding (q > 0, by name or by '*'). Brotli is preferred
 * whatever the header's order: Chromium lists "gzip, deflate, br, zstd", all at q=1, and Express's own
 * negotiation would pick the first of a tie.
 */
export function acceptedEncodings(header: string | undefined): (name: string) => boolean {
  const q = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  return (name) => (q.get(name) ?? q.get('*') ?? 0) > 0;
}

/** The file a URL path names inside webDir (index.html for '/'), or null when it would leave webDir. */
function fileOf(webDir: string, urlPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const file = normalize(join(webDir, path.endsWith('/') ? `${path}index.html` : path));
  return file.startsWith(normalize(webDir) + sep) ? file : null;
}

/** Serve the built page: precompressed files where the build made them, caching as above, then express.static. */
export function staticFiles(webDir: string): RequestHandler[] {
  const precompressed: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const file = fileOf(webDir, req.path);
    if (!file || !isFile(file)) return next();
    // Caches must keep one copy per encoding, whichever this client gets.
    res.vary('Accept-Encoding');
    const accepted = acceptedEncodings(req.headers['accept-encoding']);
    const encoding = ENCODINGS.find((e) => accepted(e.name) && isFile(file + e.ext));
    if (!encoding) return next();
    res.type(extname(file));
    res.setHeader('Content-Encoding', encoding.name);
    res.sendFile(file + encoding.ext, { cacheControl: false, headers: { 'Cache-Control': staticCacheControl(req.path) } }, (err) => {
      if (err && !res.headersSent) {
        res.removeHeader('Content-Encoding');
        next(err);
      }
    });
  };
  const plain = express.static(webDir, {
    index: 'index.html',
    cacheControl: false,
    setHeaders: (res, _path) => res.setHeader('Cache-Control', staticCacheControl(res.req.path)),
  });
  return [precompressed, plain];
}
