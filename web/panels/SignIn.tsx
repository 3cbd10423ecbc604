// Sign in and out (the session is an HttpOnly cookie set by the portal). Signed-in users see the
// history of a bản's values; editors may edit.
import { useState, type FormEvent } from 'react';
import { signIn, signOut } from '../api/session.ts';
import type { Me } from '../api/types.ts';
import { t } from '../i18n/i18n.ts';

/** The sign-in control. */
export function SignIn({ me, onChange }: { me: Me | null; onChange: (me: Me | null) => void }) {
  const s = t();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (me) {
    return (
      <div className="auth signed-in">
        <span className="who">{s.auth.signedInAs(me.username, me.role)}</span>{' '}
        <button type="button" className="link" onClick={() => signOut().then(() => onChange(null), (e: unknown) => console.error(e))}>{s.auth.signOut}</button>
      </div>
    );
  }
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      onChange(await signIn(String(form.get('username') ?? ''), String(form.get('password') ?? '')));
      setOpen(false);
    } catch (err) {
      setError(`${s.auth.failed}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="auth">
      <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>{s.auth.signIn}</button>
      {open && (
        <form className="auth-form" onSubmit={submit}>
          <div className="field"><label htmlFor="auth-user">{s.auth.username}</label><input id="auth-user" name="username" type="text" autoComplete="username" required /></div>
          <div className="field"><label htmlFor="auth-pass">{s.auth.password}</label><input id="auth-pass" name="password" type="password" autoComplete="current-password" required /></div>
          <button type="submit" className="btn primary" disabled={busy}>{s.auth.signIn}</button>
          {error && <p className="error" role="alert">{error}</p>}
        </form>
      )}
    </div>
  );
}
