// The answer-cache key each anonymous POST body gave (read-key.ts), kept per body text: the page and tools send the same
// few bodies again and again, and parsing one, checking its fields and nesting and working out its key cost more than
// the rest of a cached answer. A key is kept only once the body passed every check of anonymous-post.ts, so a hit
// found through it is one the full path would have found. Bounded as boundedMemo is: strangers sending ever new
// bodies cannot grow it, and longer bodies are not kept.
export class PostBodyKeys {
  private readonly kept = new Map<string, string>();

  constructor(private readonly limits = { entries: 256, maxTextChars: 16 * 1024 }) {}

  /** The key this body text gave before, if it was kept. */
  get(text: string): string | undefined {
    return text.length <= this.limits.maxTextChars ? this.kept.get(text) : undefined;
  }

  /** Keep the key a body text gave (a pure function of the text for a request without a session cookie). */
  remember(text: string, key: string): void {
    if (text.length > this.limits.maxTextChars || this.kept.has(text)) return;
    if (this.kept.size >= this.limits.entries) this.kept.clear();
    this.kept.set(text, key);
  }
}
