import type { AuthChecker } from 'type-graphql';
import { AtlasError } from '../errors.ts';
import type { AtlasContext, Viewer } from '../schema/context.ts';

const RANK: Record<Viewer['role'], number> = { anonymous: 0, viewer: 1, editor: 2, admin: 3 };

/**
 * type-graphql's @Authorized(role): the viewer needs at least that role (viewer < editor < admin).
 * Anonymous callers get UNAUTHENTICATED, signed-in callers without the role FORBIDDEN.
 */
export const authChecker: AuthChecker<AtlasContext> = ({ context }, roles) => {
  const role = context.viewer.role;
  if (role === 'anonymous') throw new AtlasError('UNAUTHENTICATED', 'Cần đăng nhập / You need to sign in');
  const needed = Math.max(1, ...roles.map((r) => RANK[r as Viewer['role']] ?? 99));
  if (RANK[role] < needed) {
    throw new AtlasError('FORBIDDEN', `Cần quyền ${roles.join('/')} / This needs the ${roles.join('/')} role`, { role });
  }
  return true;
};
