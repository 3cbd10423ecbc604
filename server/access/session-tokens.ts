import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'atlas_session';
export const SESSION_HOURS = 12;

/** A fresh unguessable session token (256 bits); only its hash is stored, so a copied database opens no session. */
export function newSessionToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
