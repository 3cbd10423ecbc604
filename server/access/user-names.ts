// User names people read and type: one Unicode form (NFC), and no name that looks like another user's
// ("аdmin" with a Cyrillic а, "admin" with a Latin one): a look-alike account could be mistaken in the history.

// Letters of other scripts drawn like Latin ones, and digits read as letters (after lower-casing and NFKD).
const LOOK_ALIKES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', і: 'l', ї: 'l', ј: 'j',
  ԁ: 'd', ԛ: 'q', ԝ: 'w', ɡ: 'g', ɑ: 'a', ɩ: 'l', ı: 'l', α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'l', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u',
  χ: 'x', ω: 'w', đ: 'd', '0': 'o', '1': 'l', i: 'l', '|': 'l', _: '-', '.': '-',
};

/** What a name looks like: compatibility forms folded, marks dropped, lower case, look-alikes replaced. */
export function nameSkeleton(name: string): string {
  const plain = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return [...plain].map((c) => LOOK_ALIKES[c] ?? c).join('').replace(/rn/g, 'm').replace(/vv/g, 'w');
}

/** The name as stored (NFC), or a problem: wrong characters, or a look-alike of an existing user's name. */
export function userNameProblem(name: string, existing: string[]): string | null {
  if (!/^[\p{L}\p{N}._-]{3,50}$/u.test(name)) return 'Tên đăng nhập 3–50 chữ, số, . _ - / User name: 3–50 letters, digits, . _ -';
  const skeleton = nameSkeleton(name);
  const twin = existing.find((other) => nameSkeleton(other) === skeleton);
  if (twin !== undefined) {
    return `Tên đăng nhập giống tên "${twin}" đã có / The user name looks like the existing user name "${twin}"`;
  }
  // Vietnamese is written in Latin letters: other scripts, and digits other than 0–9 (Roman numerals, full-width),
  // only make names that look like others.
  if (!/^(?:(?=\p{L})\p{Script=Latin}|[0-9._-])+$/u.test(name)) {
    return 'Tên đăng nhập chỉ gồm chữ cái La-tinh (có dấu), số 0–9, . _ - / User name: Latin letters (with Vietnamese marks), digits 0–9, . _ -';
  }
  return null;
}
