// The editor this device last saw signed in, so that field mode opens offline (the offline copy of the data
// is the public one and says nobody is signed in; the session cookie is still on the device for the sync).
import type { Me } from '../api/types.ts';

const KEY = 'atlas.fieldUser';

/** Remember (an editor or admin) or forget (anyone else, or signed out) the device's field user. */
export function rememberFieldUser(me: Me | null): void {
  try {
    if (me && (me.role === 'editor' || me.role === 'admin')) localStorage.setItem(KEY, JSON.stringify({ username: me.username, role: me.role }));
    else localStorage.removeItem(KEY);
  } catch {
    // Storage refused (private mode): field mode then needs the network to know who is signed in.
  }
}

/** The field user remembered on this device, if any. */
export function rememberedFieldUser(): Me | null {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Me | null;
    return v && typeof v.username === 'string' && (v.role === 'editor' || v.role === 'admin') ? v : null;
  } catch {
    return null;
  }
}
