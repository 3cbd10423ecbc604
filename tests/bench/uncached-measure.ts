// One request repeated by autocannon, as the per-store and peer benches time their uncached reads: a warm-up, then
// the measured run, on the same number of connections, so their rows compare.
import autocannon from 'autocannon';

export const WARMUP_S = 1;
export const DURATION_S = 3;
export const CONNECTIONS = 10;

/** What a bench row keeps of a run. */
export interface Measure { rps: number; p50: number; p99: number; errors: number; non2xx: number }

/** The request a run repeats. */
export interface RepeatedRequest { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string }

/** Warm up, then measure `init` sent to `url` again and again. */
export async function measure(url: string, init: RepeatedRequest): Promise<Measure> {
  const opts = { url, connections: CONNECTIONS, ...init };
  await autocannon({ ...opts, duration: WARMUP_S });
  const r = await autocannon({ ...opts, duration: DURATION_S });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

/** A GraphQL POST of `query`. */
export const graphqlPost = (query: string): RepeatedRequest => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
