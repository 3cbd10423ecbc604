// Compression of the /graphql answers Apollo computes (the answer cache compresses its own, once per data version).
// Here rather than in the compression middleware: that one wraps every response's write and end, hooks its headers and
// negotiates the encoding, which cost an uncached request more than its resolvers did; here an answer Apollo has
// finished is compressed in one call, and only when it is large enough to gain from it.
import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';
import { COMPRESS_INLINE_BYTES, windowBitsFor } from './answer-cache.ts';
import { chosenEncoding } from './cached-reads.ts';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Smaller answers are sent as they are: the compression middleware's threshold, below which a packet gains nothing. */
export const COMPRESS_FROM_BYTES = 1024;

/**
 * The answer's bytes in the encoding to send: brotli or gzip when the client accepts it and the answer is at least
 * COMPRESS_FROM_BYTES, else as they are. The middleware's levels (brotli 4, gzip 6): an answer computed for one
 * request is compressed for that request only. Small ones on the event loop (well under a millisecond), larger ones
 * in the thread pool.
 */
export async function compressAnswer(req: IncomingMessage, bytes: Buffer): Promise<{ encoding: 'br' | 'gzip' | 'identity'; body: Buffer }> {
  const encoding = bytes.length < COMPRESS_FROM_BYTES || req.method === 'HEAD' ? 'identity' : chosenEncoding(req.headers['accept-encoding']);
  if (encoding === 'identity') return { encoding, body: bytes };
  const inline = bytes.length <= COMPRESS_INLINE_BYTES;
  if (encoding === 'gzip') return { encoding, body: inline ? gzipSync(bytes) : await gzipAsync(bytes) };
  const options = { params: {
    [constants.BROTLI_PARAM_QUALITY]: 4,
    [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    [constants.BROTLI_PARAM_LGWIN]: windowBitsFor(bytes.length),
  } };
  return { encoding, body: inline ? brotliCompressSync(bytes, options) : await brotliAsync(bytes, options) };
}
