// Editors' request bodies may carry an import file (up to 8 MB of JSON, the file as base64). JSON.parse of such a
// body holds the thread that answers every request for 50–250 ms, so a large body is parsed in a worker thread of
// its own: this thread only gathers the bytes (and hands them over without a copy) and receives the parsed value.
// Small bodies are parsed here as before; errors are body-parser's (413 too large, 400 malformed), so jsonErrors
// answers them alike.
import express, { type RequestHandler } from 'express';
import { Worker } from 'node:worker_threads';

/** Bodies up to this size are parsed on this thread: parsing them takes well under a millisecond. */
export const PARSE_HERE_BYTES = 64 * 1024;
const UTF8 = new TextDecoder('utf-8');

const WORKER_CODE = `
const { parentPort } = require('node:worker_threads');
const utf8 = new TextDecoder('utf-8');
parentPort.on('message', ({ id, bytes }) => {
  try {
    parentPort.postMessage({ id, body: JSON.parse(utf8.decode(bytes)) });
  } catch (e) {
    parentPort.postMessage({ id, error: String(e && e.message) });
  }
});`;

interface Pending { resolve: (body: unknown) => void; reject: (e: Error) => void }

let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 1;

/** A body-parser style error, so jsonErrors answers it (400 malformed JSON). */
function parseFailed(message: string): Error {
  return Object.assign(new Error(message), { status: 400, statusCode: 400, type: 'entity.parse.failed', expose: true });
}

function theWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(WORKER_CODE, { eval: true, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: 256 } });
  w.unref(); // an idle parser never keeps the process alive
  w.on('message', (a: { id: number; body?: unknown; error?: string }) => {
    const p = pending.get(a.id);
    if (!p) return;
    pending.delete(a.id);
    if (a.error !== undefined) p.reject(parseFailed(a.error)); else p.resolve(a.body);
  });
  // A parser that died (out of memory on a hostile body) fails what it held; the next body starts another.
  const died = (e?: Error) => {
    if (worker !== w) return;
    worker = null;
    for (const [id, p] of pending) { pending.delete(id); p.reject(parseFailed(e?.message ?? 'the JSON parser stopped')); }
  };
  w.on('error', died);
  w.on('exit', () => died());
  worker = w;
  return w;
}

/** Parse JSON bytes in the worker thread; the bytes are moved there, not copied. */
export function parseJsonOffThread(bytes: Buffer): Promise<unknown> {
  // A Buffer may be a view on a shared pool: copy it out only then, so the transfer moves just these bytes.
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : Buffer.from(bytes);
  const view = new Uint8Array(own.buffer, own.byteOffset, own.byteLength);
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    theWorker().postMessage({ id, bytes: view }, [view.buffer as ArrayBuffer]);
  });
}

/**
 * JSON bodies up to `limit`: read as bytes, parsed here when small and in the worker thread when large. A charset
 * other than UTF-8 goes to body-parser's own JSON reader, which decodes it.
 */
export function jsonBodyOffThread(limit: string): RequestHandler {
  const raw = express.raw({ type: 'application/json', limit });
  const decoding = express.json({ limit });
  return (req, res, next) => {
    const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset && charset !== 'utf-8' && charset !== 'utf8') { decoding(req, res, next); return; }
    raw(req, res, (err?: unknown) => {
      if (err) { next(err); return; }
      const bytes = req.body;
      if (!Buffer.isBuffer(bytes)) { next(); return; } // not JSON: left as body-parser leaves it
      if (bytes.length === 0) { req.body = {}; next(); return; }
      if (bytes.length <= PARSE_HERE_BYTES) {
        // TextDecoder drops a byte order mark, as the worker's and body-parser's decoders do; Buffer's toString keeps it.
        try { req.body = JSON.parse(UTF8.decode(bytes)); } catch (e) { next(parseFailed((e as Error).message)); return; }
        next();
        return;
      }
      parseJsonOffThread(bytes).then((body) => { req.body = body; next(); }, next);
    });
  };
}
