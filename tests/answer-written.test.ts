// server/http/answer-written.ts over a real HTTP server: the heavy-request gate's turn is handed on once the answer is
// written, also for a client that went away before the request reached Apollo (else the turn would be held for ever
// and every later heavy anonymous request would wait behind it).
import { describe, it, expect, afterEach } from 'vitest';
import { createServer, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerWritten } from '../server/http/answer-written.ts';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => { server?.closeAllConnections(); server ? server.close(() => resolve()) : resolve(); }));

/** A server whose one request's response is handed to `handle`; a client that sends one request to it. */
function oneRequest(handle: (res: ServerResponse) => void, client: (port: number) => void) {
  server = createServer((_req, res) => handle(res));
  server.listen(0, '127.0.0.1', () => client((server!.address() as AddressInfo).port));
}

describe('answerWritten', () => {
  it('settles once the answer is written, not before', async () => {
    const seen: string[] = [];
    await new Promise<void>((done) => oneRequest((res) => {
      const written = answerWritten(res).then(() => seen.push('written'));
      setImmediate(() => {
        seen.push('writing');
        res.end('ok');
        void written.then(() => done());
      });
    }, (port) => request({ port, host: '127.0.0.1' }, (r) => r.resume()).end()));
    expect(seen).toEqual(['writing', 'written']);
  });

  it('settles for a client whose connection closed before it was asked', async () => {
    const settled = await new Promise<boolean>((done) => oneRequest((res) => {
      res.socket!.destroy();
      res.once('close', () => {
        expect(res.closed).toBe(true);
        void answerWritten(res).then(() => done(true));
      });
    }, (port) => { request({ port, host: '127.0.0.1' }).on('error', () => undefined).end(); }));
    expect(settled).toBe(true);
  });
});
