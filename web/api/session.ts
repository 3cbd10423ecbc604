// Queries: who is signed in, sign in and out (the session is an HttpOnly cookie), a unit's history.
import { graphql, request } from './graphql.ts';
import type { Change } from './types.ts';

export const ME_QUERY = graphql(`query AtlasMe { me { username role } }`);

export const SIGN_IN_MUTATION = graphql(`
  mutation AtlasSignIn($u: String!, $p: String!) { signIn(username: $u, password: $p) { username role } }
`);

export const SIGN_OUT_MUTATION = graphql(`mutation AtlasSignOut { signOut }`);

export const HISTORY_QUERY = graphql(`
  query AtlasHistory($u: String!, $o: Int!) {
    history(unitId: $u, limit: 100, offset: $o) { id at who entity unitId field oldValue newValue why reverts }
  }
`);

/** Who is signed in (null for anonymous visitors). */
export async function fetchMe(signal?: AbortSignal) {
  return (await request(ME_QUERY, {}, signal)).me;
}

/** Sign in; the portal sets the session cookie. */
export async function signIn(username: string, password: string) {
  return (await request(SIGN_IN_MUTATION, { u: username, p: password })).signIn;
}

/** Sign out. */
export async function signOut(): Promise<void> {
  await request(SIGN_OUT_MUTATION, {});
}

/** History of one unit's values, name, centre and boundary, oldest first (signed-in users only), page by page (at most 100 a page). */
export async function fetchHistory(unitId: string, signal?: AbortSignal): Promise<Change[]> {
  const all: Change[] = [];
  for (;;) {
    const { history } = await request(HISTORY_QUERY, { u: unitId, o: all.length }, signal);
    all.push(...history);
    if (history.length < 100) return all;
  }
}
