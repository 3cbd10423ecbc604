// The HTTP(S) server around the app: HTTPS from certificate files when configured, and bounded time for a client
// to send its request, so a client trickling its headers or body cannot hold a connection for Node's 5 minutes.
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync } from 'node:fs';

export interface ListenOptions {
  tlsCert: string | null;
  tlsKey: string | null;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

/** An http.Server (or https.Server with cert and key), with the request timeouts set; the app is attached once it is built. */
export function createAtlasServer(opts: ListenOptions): { server: Server; protocol: 'http' | 'https' } {
  if (Boolean(opts.tlsCert) !== Boolean(opts.tlsKey)) {
    throw new Error('TLS_CERT and TLS_KEY go together: set both (PEM certificate and key files) or neither.');
  }
  const timeouts = {
    headersTimeout: opts.headersTimeoutMs,
    requestTimeout: opts.requestTimeoutMs,
    // Node checks the two timeouts at this interval (30 s by default): check often enough for them to hold.
    connectionsCheckingInterval: Math.max(100, Math.min(1_000, opts.headersTimeoutMs / 4)),
    // Idle keep-alive connections outlive the clients' pools (browsers, undici's 4 s, nginx's 60 s upstream keepalive):
    // with Node's 5 s, a busy client could write its next request into a socket the server had just closed.
    keepAliveTimeout: 65_000,
  };
  if (opts.tlsCert && opts.tlsKey) {
    const server = createHttpsServer({ ...timeouts, cert: readFileSync(opts.tlsCert), key: readFileSync(opts.tlsKey) });
    return { server, protocol: 'https' };
  }
  return { server: createHttpServer(timeouts), protocol: 'http' };
}
