import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, opts: object) => Promise<Buffer>;

// scrypt is a memory-hard KDF (RFC 7914) in Node's own crypto: no native add-on to build offline.
// N = 2^15, r = 8, p = 1 is OWASP's recommended minimum; the parameters are stored with each hash.
const N = 2 ** 15, R = 8, P = 1, KEYLEN = 32;
const MAXMEM = 64 * 1024 * 1024;

/** A self-describing hash: scrypt$N$r$p$salt$key (base64). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password.normalize('NFC'), salt, KEYLEN, { N, r: R, p: P, maxmem: MAXMEM });
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Whether the password matches the stored hash (constant-time comparison). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, key] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scryptAsync(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length,
    { N: Number(n), r: Number(r), p: Number(p), maxmem: MAXMEM });
  return timingSafeEqual(actual, expected);
}

/**
 * Rules for a new password: long enough to resist guessing, short enough not to be a denial of service, and not
 * one a guesser tries first (all spaces, a common password, the commune's own names and numbers).
 */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < 10) return 'Mật khẩu cần ít nhất 10 ký tự / The password needs at least 10 characters';
  if (password.length > 200) return 'Mật khẩu quá dài (tối đa 200) / The password is too long (200 at most)';
  if (password.trim() === '') return 'Mật khẩu không được chỉ gồm dấu cách / The password cannot be only spaces';
  const folded = foldPassword(password);
  if (new Set(folded).size < 3) return 'Mật khẩu cần ít nhất 3 ký tự khác nhau / The password needs at least 3 different characters';
  if (username && folded === foldPassword(username)) return 'Mật khẩu không được là tên đăng nhập / The password cannot be the user name';
  if (GUESSABLE.some((word) => folded === word || (lettersOf(word) !== '' && lettersOf(folded) === lettersOf(word)))) {
    return 'Mật khẩu quá dễ đoán (mật khẩu phổ biến hoặc tên xã, bản) / The password is too easy to guess (a common password or the commune\'s names)';
  }
  return null;
}

/** The letters only: "Muongbang@2025!" is the guess "muongbang" with digits and symbols added. */
const lettersOf = (folded: string) => folded.replace(/[\d\W_]+/g, '');

/** Lower case, no diacritics or spaces: "Mường Bang 2025" and "muongbang2025" are the same guess. */
function foldPassword(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase().replace(/\s+/g, '');
}

// A small bundled list: the passwords most tried in leaks that are 10 characters or more, and words of this
// commune and province that officers would reach for. Compared folded, and also with digits and symbols removed.
const GUESSABLE = [
  '1234567890', '0123456789', '1111111111', '0000000000', '9876543210', 'qwertyuiop', 'password123', 'password1234',
  'passw0rd123', 'matkhau123', 'matkhau1234', 'administrator', 'admin12345', 'admin123456', 'iloveyou123',
  'qwerty12345', 'qwerty123456', 'abc1234567', 'abcd123456', 'zxcvbnm123', 'changeme123', 'welcome123', 'letmein123',
  'muongbang', 'xamuongbang', 'muongdo', 'muonglang', 'sonla', 'tinhsonla', 'phuyen', 'huyenphuyen', 'communeatlas',
  'bandoxa', 'ubndxa', 'ubndxamuongbang', 'dangbo', 'daihoidangbo',
  // Vietnamese words for the account itself: administrator, manager, officer, password, secret.
  'quantrivien', 'quantri', 'quanly', 'canbo', 'matkhau', 'bimat', 'dangnhap',
].map(foldPassword);
