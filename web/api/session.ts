// Queries: who is signed in, sign in and out (the session is an HttpOnly cookie), a unit's history.
import { request } from './graphql.ts';
import type { Change, Me } from './types.ts';

/** Who is signed in (null for anonymous visitors). */
export async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  return (await request<{ me: Me | null }>('query AtlasMe { me { username role } }', undefined, signal)).me;
}

/** Sign in; the portal sets the session cookie. */
export async function signIn(username: string, password: string): Promise<Me> {
  const q = 'mutation AtlasSignIn($u: String!, $p: String!) { signIn(username: $u, password: $p) { username role } }';
  return (await request<{ signIn: Me }, { u: string; p: string }>(q, { u: username, p: password })).signIn;
}

/** Sign out. */
export async function signOut(): Promise<void> {
  await request<{ signOut: boolean }>('mutation AtlasSignOut { signOut }');
}

/** History of one unit's values, name, centre and boundary, oldest first (signed-in users only), page by page (at most 100 a page). */
export async function fetchHistory(unitId: string, signal?: AbortSignal): Promise<Change[]> {
  const q = 'query AtlasHistory($u: String!, $o: Int!) { history(unitId: $u, limit: 100, offset: $o) { id at who entity unitId field oldValue newValue why reverts } }';
  const all: Change[] = [];
  for (;;) {
    const { history } = await request<{ history: Change[] }, { u: string; o: number }>(q, { u: unitId, o: all.length }, signal);
    all.push(...history);
    if (history.length < 100) return all;
  }
}
