// A GraphQL client that keeps the session cookie, as a browser would.
import { execFileSync } from 'node:child_process';
import { storeEnv } from './test-store.ts';
import type { RunningServer } from './start-server.ts';

export interface Client {
  cookie: string | null;
  gql: (query: string, variables?: Record<string, unknown>) => Promise<{ status: number; body: { data?: any; errors?: any[] }; setCookie: string | null }>;
}

export function client(server: RunningServer): Client {
  const c: Client = {
    cookie: null,
    gql: async (query, variables) => {
      const res = await fetch(new URL('graphql', server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(c.cookie ? { cookie: c.cookie } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const setCookie = res.headers.get('set-cookie');
      if (setCookie) {
        const pair = setCookie.split(';')[0];
        c.cookie = pair.endsWith('=') ? null : pair;
      }
      return { status: res.status, body: await res.json(), setCookie };
    },
  };
  return c;
}

/** Create a user with the project's CLI (password on standard input), as an operator would. */
export function createUserWithCli(dataDir: string, username: string, password: string, role = 'admin'): string {
  const root = new URL('../..', import.meta.url).pathname;
  return execFileSync(process.execPath, ['--import', 'tsx', 'server/cli/create-user.ts', username, '--role', role], {
    cwd: root, input: `${password}\n`, env: { ...process.env, DATA_DIR: dataDir, ...storeEnv(dataDir) }, encoding: 'utf8',
  });
}

/** Sign in a fresh client. */
export async function signedIn(server: RunningServer, username: string, password: string): Promise<Client> {
  const c = client(server);
  const { body } = await c.gql(`mutation ($u: String!, $p: String!) { signIn(username: $u, password: $p) { role } }`, { u: username, p: password });
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return c;
}
