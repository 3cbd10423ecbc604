import { Arg, Authorized, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { hashPassword, passwordProblem, verifyPassword } from '../access/passwords.ts';
import { LoginRateLimit } from '../access/login-rate-limit.ts';
import { userNameProblem } from '../access/user-names.ts';
import { AtlasError, badInput } from '../errors.ts';
import type { AtlasContext } from './context.ts';

@ObjectType({ description: 'A signed-in user.' })
export class Me {
  @Field(() => String, { description: 'User name.' })
  username!: string;

  @Field(() => String, { description: 'viewer, editor or admin.' })
  role!: string;
}

// One limiter for the process: failures counted per (account, address), with growing delays (login-rate-limit.ts).
const limiter = new LoginRateLimit();

@Resolver()
export class AuthResolver {
  @Query(() => Me, { nullable: true, description: 'Who is signed in (null for anonymous visitors).' })
  me(@Ctx() { viewer }: AtlasContext): Me | null {
    return viewer.role === 'anonymous' ? null : { username: viewer.name!, role: viewer.role };
  }

  @Mutation(() => Me, { description: 'Sign in: sets an HttpOnly session cookie (a new one each time). Repeated failures from one address make that address wait longer each time.' })
  async signIn(
    @Arg('username', () => String, { description: 'User name.' }) username: string,
    @Arg('password', () => String, { description: 'Password.' }) password: string,
    @Ctx() { store, session }: AtlasContext,
  ): Promise<Me> {
    // The same form as createUser stores (NFC); cut before it becomes a key, so a huge name cannot fill memory.
    const name = username.normalize('NFC');
    const account = name.slice(0, 100).toLowerCase().replace(/\u0000/g, '');
    // Counted now, before the (asynchronous) password check: parallel tries cannot all pass the limit.
    const wait = limiter.begin(account, session.clientKey);
    if (wait > 0) throw new AtlasError('FORBIDDEN', `Thử đăng nhập quá nhiều lần; thử lại sau ${wait} giây / Too many sign-in attempts; try again in ${wait} s`, { retryAfterSeconds: wait });
    const user = name.length <= 100 && password.length <= 200 ? await store.userByName(name) : undefined;
    // Verify even for an unknown user, so the answer takes as long either way.
    const ok = await verifyPassword(password, user?.passwordHash ?? 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    if (!user || !ok) {
      throw new AtlasError('UNAUTHENTICATED', 'Sai tên đăng nhập hoặc mật khẩu / Wrong user name or password');
    }
    limiter.succeed(account, session.clientKey);
    await session.signIn(user.id);
    return { username: user.username, role: user.role };
  }

  @Mutation(() => Boolean, { description: 'Sign out: ends the session.' })
  async signOut(@Ctx() { session }: AtlasContext): Promise<boolean> {
    await session.signOut();
    return true;
  }

  @Authorized('admin')
  @Mutation(() => Me, { description: 'Create a user (admins).' })
  async createUser(
    @Arg('username', () => String, { description: 'User name (3–50 characters).' }) username: string,
    @Arg('password', () => String, { description: 'Password (10–200 characters).' }) password: string,
    @Arg('role', () => String, { description: 'viewer, editor or admin.' }) role: string,
    @Ctx() { store }: AtlasContext,
  ): Promise<Me> {
    const name = username.normalize('NFC');
    const nameProblem = userNameProblem(name, await store.usernames());
    if (nameProblem) throw new AtlasError('BAD_USER_INPUT', nameProblem, { field: 'username' });
    if (!['viewer', 'editor', 'admin'].includes(role)) throw badInput('role', 'Vai trò phải là viewer, editor hoặc admin', 'role must be viewer, editor or admin');
    const problem = passwordProblem(password, name);
    if (problem) throw new AtlasError('BAD_USER_INPUT', problem, { field: 'password' });
    const user = await store.createUser(name, await hashPassword(password), role as 'viewer');
    return { username: user.username, role: user.role };
  }
}
