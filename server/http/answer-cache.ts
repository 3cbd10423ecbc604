// The one cache of anonymous GraphQL answers: bytes ready to write (plain, gzip and brotli), kept per data
// version and bounded by bytes. server/http/cached-reads.ts answers from it before body parsing and Apollo.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync, type BrotliOptions } from 'node:zlib';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** An answer as it goes on the wire: its JSON in each encoding a client may ask for, and its strong ETag. */
export interface PreparedAnswer {
  etag: string;
  contentType: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
  /** What keeping it costs: every encoding and its key. */
  bytes: number;
  /** The header lines of each way it was sent (type, encoding, 200 or 304), made at first use by cached-reads.ts. */
  heads: Array<string[] | undefined>;
}

/** Brotli's window (log2 of its bytes, 10–24) that holds an input of this size whole. */
export const windowBitsFor = (bytes: number) => Math.min(constants.BROTLI_MAX_WINDOW_BITS, Math.max(constants.BROTLI_MIN_WINDOW_BITS, Math.ceil(Math.log2(bytes + 1))));

/**
 * Answers up to this size are compressed on the event loop: both encodings of a few kB cost well under a millisecond
 * of CPU, less than the two hops to the thread pool and back, which on a loaded machine wait for a core each (a page
 * of communes waited several ms). Larger ones (outlines, tiles: brotli at quality 9 takes ~0.1 s on 64 kB) stay off it.
 */
export const COMPRESS_INLINE_BYTES = 8 * 1024;

/**
 * How long a reading of the data version serves further lookups. On SQLite each reading is a read transaction
 * (about 8 µs, more than the rest of a 304 from this cache); under load a millisecond spans many requests. A write
 * of another process is seen within it; this portal's own writes at once (forgetVersion).
 */
export const VERSION_REUSE_MS = 1;

/** Default bound of the cache: 32 MB of answers in all their encodings (ANSWER_CACHE_BYTES changes it). */
export const DEFAULT_ANSWER_CACHE_BYTES = 32 * 1024 * 1024;

/**
 * A least-recently-used map of prepared answers, bounded by their bytes. Every key lives in one generation:
 * the first lookup in a new generation drops everything, so an answer of older data can never be sent again.
 */
export class AnswerCache {
  // A Map iterates in insertion order: re-inserting on every hit makes its first key the least recently used.
  private readonly entries = new Map<string, PreparedAnswer>();
  private bytes = 0;
  private current = '';
  /** The data version of the current generation (-1: none yet). */
  private currentVersion = -1;
  /** The key last moved to the end of the order (the most recently used), so asking for it again moves nothing. */
  private lastUsed: string | undefined;
  /** The data version last read from the store, and when that reading began (performance.now()). */
  private known: { version: number; readAt: number } | null = null;
  /** A reading under way: concurrent lookups wait for the same one. */
  private reading: Promise<number> | null = null;
  /** How many times the version was forgotten: a reading begun before the last time is not kept. */
  private forgotten = 0;
  /** Today's part of the generation (UTC), and when it ends. */
  private day = '';
  private dayEnds = 0;

  // The store's data version: asked again every millisecond at most (VERSION_REUSE_MS), since another process (a second
  // portal on the same PostgreSQL, a tool on the SQLite file) may have written.
  constructor(private readonly dataVersion: () => Promise<number>, readonly maxBytes = DEFAULT_ANSWER_CACHE_BYTES) {}

  /**
   * The generation answers are computed in now; entries of an older one are dropped. `version`: where to read the
   * data version instead of the store (a request's own snapshot, which its answer is then computed from).
   */
  async generation(version?: () => Promise<number>): Promise<string> {
    return this.enter(version ? await version() : this.knownVersion() ?? await this.readVersion());
  }

  /** The answer kept for this key in the current generation (now the most recently used), if any. */
  async get(key: string): Promise<PreparedAnswer | undefined> {
    return (await this.lookup(key)).answer;
  }

  /** get, with the generation it looked in: a miss computed now is kept in that one (no second version read). */
  async lookup(key: string, version?: () => Promise<number>): Promise<{ answer: PreparedAnswer | undefined; generation: string }> {
    return this.found(key, await this.generation(version));
  }

  /**
   * lookup at once, without waiting, when the data version was read less than VERSION_REUSE_MS ago; null when it
   * was not (then lookup reads it).
   */
  lookupNow(key: string): { answer: PreparedAnswer | undefined; generation: string } | null {
    const version = this.knownVersion();
    return version === undefined ? null : this.found(key, this.enter(version));
  }

  /**
   * The answer kept for this key, at once, when the data version was read less than VERSION_REUSE_MS ago (now the
   * most recently used); undefined when none is kept, null when the version must be read first (then lookup).
   * lookupNow without the object it returns: the hot path of a cached GET and of its 304.
   */
  answerNow(key: string): PreparedAnswer | undefined | null {
    const version = this.knownVersion();
    if (version === undefined) return null;
    this.enter(version);
    return this.touched(key);
  }

  /**
   * Forget the data version read: the next lookup reads it again. Called when a request that may have written
   * (any request Express answered) has been answered, so whoever saw its answer sees what it wrote.
   */
  forgetVersion(): void {
    this.known = null;
    this.reading = null; // a reading begun before may have seen the data before that request wrote
    this.forgotten++;
  }

  /** The data version, if it was read less than VERSION_REUSE_MS ago. */
  private knownVersion(): number | undefined {
    const known = this.known;
    return known && performance.now() - known.readAt < VERSION_REUSE_MS ? known.version : undefined;
  }

  /** Read the data version from the store (one reading at a time), and keep it with when that reading began. */
  private readVersion(): Promise<number> {
    if (this.reading) return this.reading;
    const readAt = performance.now();
    const forgotten = this.forgotten;
    const reading = this.dataVersion().then((version) => {
      if (this.forgotten === forgotten) this.known = { version, readAt };
      return version;
    }).finally(() => { if (this.reading === reading) this.reading = null; });
    this.reading = reading;
    return reading;
  }

  /** The generation of this data version today, dropping every entry when it is not the current one. */
  private enter(version: number): string {
    // The common case, on every lookup: the same version on the same day (no new string per lookup).
    if (version === this.currentVersion && Date.now() < this.dayEnds) return this.current;
    const now = Date.now();
    if (now >= this.dayEnds) {
      this.day = new Date(now).toISOString().slice(0, 10).replaceAll('-', '');
      this.dayEnds = (Math.floor(now / 86_400_000) + 1) * 86_400_000;
    }
    const g = `${version}.${this.day}`;
    this.currentVersion = version;
    if (g !== this.current) {
      this.entries.clear();
      this.bytes = 0;
      this.current = g;
      this.lastUsed = undefined;
    }
    return g;
  }

  /** The entry of this key in `generation` (the current one), now the most recently used. */
  private found(key: string, generation: string): { answer: PreparedAnswer | undefined; generation: string } {
    return { answer: this.touched(key), generation };
  }

  /** The entry of this key, now the most recently used. */
  private touched(key: string): PreparedAnswer | undefined {
    const entry = this.entries.get(key);
    // Moved to the end of the order unless it is there already (a read asked again and again, as under load).
    if (entry && key !== this.lastUsed) { this.entries.delete(key); this.entries.set(key, entry); this.lastUsed = key; }
    return entry;
  }

  /**
   * Compress an answer Apollo produced in `generation` and keep it, unless the data changed meanwhile (it
   * may mix versions) or it alone would take more than a quarter of the bound (it would flush the rest).
   * Returns the prepared answer either way, to be sent.
   */
  async prepare(key: string, generation: string, json: string | Uint8Array, contentType: string): Promise<PreparedAnswer> {
    // JSON text, or the bytes of a binary answer (a vector tile).
    const identity = typeof json === 'string' ? Buffer.from(json, 'utf8') : Buffer.from(json.buffer, json.byteOffset, json.byteLength);
    // Compressed once per data version (off the main thread unless small, as above): brotli at quality 9 is most of 11's gain at a
    // fraction of its time, gzip at 9 the same (the answers are JSON: numbers and repeated keys).
    const brotli: BrotliOptions = { params: {
      [constants.BROTLI_PARAM_QUALITY]: 9,
      [constants.BROTLI_PARAM_MODE]: typeof json === 'string' ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
      [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
      // A window just larger than the answer: no match is lost, but quality 9 with the default 4 MB window spends
      // about 250 ms on a 20 kB tile and 60 ms on a 4 kB JSON answer (a page of communes), 1–2 ms with one that fits.
      [constants.BROTLI_PARAM_LGWIN]: windowBitsFor(identity.length),
    } };
    const [gz, br] = identity.length <= COMPRESS_INLINE_BYTES
      ? [gzipSync(identity, { level: 9 }), brotliCompressSync(identity, brotli)]
      : await Promise.all([gzipAsync(identity, { level: 9 }), brotliAsync(identity, brotli)]);
    // The tag hashes the bytes themselves (not only the request): after an upgrade of the portal, the same
    // data may answer differently, and a client holding the old body must not be told it is still current.
    const etag = `"${generation}-${createHash('sha256').update(key).update('\0').update(identity).digest('base64url').slice(0, 22)}"`;
    const entry: PreparedAnswer = { etag, contentType, identity, gzip: gz, br, bytes: identity.length + gz.length + br.length + key.length * 2, heads: [] };
    if ((await this.generation()) === generation && entry.bytes <= this.maxBytes / 4) this.keep(key, entry);
    return entry;
  }

  /** False when an answer of this many characters could not be kept: not worth compressing three ways. */
  couldKeep(chars: number): boolean {
    return chars <= this.maxBytes / 4;
  }

  /** Bytes held now (all encodings and keys). */
  heldBytes(): number {
    return this.bytes;
  }

  private keep(key: string, entry: PreparedAnswer) {
    const old = this.entries.get(key);
    if (old) { this.entries.delete(key); this.bytes -= old.bytes; }
    this.entries.set(key, entry);
    this.lastUsed = key;
    this.bytes += entry.bytes;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
  }
}
