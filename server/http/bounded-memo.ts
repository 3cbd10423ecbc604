// A function's answers kept per text, for the few texts clients send again and again (Accept and Accept-Encoding
// headers, the page's URLs and documents), where working them out again costs more than the rest of a cached answer.
// Bounded, so that strangers sending ever new texts cannot grow it: when full it starts over, and a text longer than
// `maxKeyChars` is worked out each time and not kept.

/** `compute`, remembering its answer per text (an answer may be null, never undefined). */
export function boundedMemo<V>(compute: (key: string) => V & ({} | null), limits: { entries: number; maxKeyChars: number }): (key: string) => V {
  const kept = new Map<string, V>();
  return (key) => {
    const hit = kept.get(key);
    if (hit !== undefined) return hit;
    const value = compute(key);
    if (key.length <= limits.maxKeyChars) {
      if (kept.size >= limits.entries) kept.clear();
      kept.set(key, value);
    }
    return value;
  };
}
