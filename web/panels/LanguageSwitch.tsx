// Vietnamese (default) / English. Numbers follow the language: 82,6% in Vietnamese, 82.6% in English.
import { t } from '../i18n/i18n.ts';
import { LANGS, type Lang } from '../i18n/lang.ts';

/** Two toggle buttons. */
export function LanguageSwitch({ lang, onChange }: { lang: Lang; onChange: (l: Lang) => void }) {
  return (
    <div className="lang-switch" role="group" aria-label={t().language}>
      {LANGS.map((l) => (
        <button key={l} type="button" className="lang-btn" lang={l} data-lang={l} aria-pressed={lang === l} onClick={() => onChange(l)}>
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
