// `npm run create-admin -- <username>`: creates the first admin (or any user with --role).
// The password is read from standard input (typed, or piped), never from an argument or a default.
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { hashPassword, passwordProblem } from '../access/passwords.ts';
import { userNameProblem } from '../access/user-names.ts';
import { config } from '../config.ts';
import { openDatabase } from '../store/open-database.ts';
import { sqliteStore } from '../store/sqlite-store.ts';
import { openPgStore } from '../store/open-pg.ts';

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stdout.write('Mật khẩu / Password (it is shown as you type; run this where nobody watches): ');
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) { rl.close(); return line; }
  return '';
}

async function main() {
  const args = process.argv.slice(2);
  const roleAt = args.indexOf('--role');
  const role = roleAt >= 0 ? args.splice(roleAt, 2)[1] : 'admin';
  const username = args[0];
  if (!username || !['viewer', 'editor', 'admin'].includes(role)) {
    console.error('Usage: npm run create-admin -- <username> [--role viewer|editor|admin]   (password on standard input)');
    process.exit(2);
  }
  const name = username.normalize('NFC');
  const password = await readPassword();
  const problem = passwordProblem(password, name);
  if (problem) { console.error(problem); process.exit(2); }
  // On PostgreSQL (DATABASE_URL) the portal's database, seeded first if it is new; else the data directory's file.
  const store = config.databaseUrl ? (await openPgStore(config.databaseUrl, config.seedDir)).store
    : sqliteStore(openDatabase(join(config.dataDir, 'atlas.sqlite')));
  try {
    const nameProblem = userNameProblem(name, await store.usernames());
    if (nameProblem) throw new Error(nameProblem);
    await store.createUser(name, await hashPassword(password), role as 'admin');
    console.log(`Created ${role} "${username}" in ${config.dataDir}`);
  } catch (e) {
    console.error((e as Error).message);
    process.exitCode = 1;
  } finally {
    await store.close();
  }
}

await main();
