// One HTTP request with node:http, its answer exactly as it came: the body undecoded (fetch would decompress it) and
// the header lines as sent (fetch would merge them). For the tests of compression, caching and the request paths.
import { request, type IncomingHttpHeaders } from 'node:http';

export interface RawAnswer { status: number; rawHeaders: string[]; headers: IncomingHttpHeaders; body: Buffer }

export function rawRequest(url: URL, opts: { method?: string; headers?: Record<string, string | number>; body?: string | Buffer } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, rawHeaders: res.rawHeaders, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}
