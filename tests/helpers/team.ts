// One signed-in client per role on a running portal: the admin made with the CLI, the others by the admin.
import type { RunningServer } from './start-server.ts';
import { client, createUserWithCli, signedIn, type Client } from './session.ts';

export type Role = 'anonymous' | 'viewer' | 'editor' | 'admin';
export const ROLES: Role[] = ['anonymous', 'viewer', 'editor', 'admin'];
export const PASSWORD = 'team-pass-123456';

/** Create (once per data directory) and sign in a user of each role; `extra` names more users of a role. */
export async function team(server: RunningServer, extra: Array<[string, Role]> = []): Promise<Record<Role, Client> & Record<string, Client>> {
  createUserWithCli(server.dataDir, 'admin', PASSWORD);
  const admin = await signedIn(server, 'admin', PASSWORD);
  const clients: Record<string, Client> = { anonymous: client(server), admin };
  for (const [name, role] of [['viewer', 'viewer'], ['editor', 'editor'], ...extra] as Array<[string, Role]>) {
    const { body } = await admin.gql(`mutation ($u: String!, $p: String!, $r: String!) { createUser(username: $u, password: $p, role: $r) { role } }`,
      { u: name, p: PASSWORD, r: role });
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    clients[name] = await signedIn(server, name, PASSWORD);
  }
  return clients as Record<Role, Client> & Record<string, Client>;
}
