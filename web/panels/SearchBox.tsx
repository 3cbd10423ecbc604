// Search a bản by name, diacritics optional (a WAI-ARIA combobox: arrows move, Enter selects).
import { useId, useState, type KeyboardEvent } from 'react';
import type { VillageInfo } from '../api/types.ts';
import { t } from '../i18n/i18n.ts';
import { villageTitle } from '../map/tooltip.ts';
import { searchVillages } from '../model/village-search.ts';

/** The search box. */
export function SearchBox({ villages, onSelect }: { villages: VillageInfo[]; onSelect: (id: string) => void }) {
  const s = t();
  const id = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const results = searchVillages(villages, query).slice(0, 8);
  const open = query.trim().length > 0;
  const choose = (v: VillageInfo | undefined) => {
    if (!v) return;
    onSelect(v.id);
    setQuery('');
    setActive(0);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(a + 1, results.length - 1)); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)); }
    else if (e.key === 'Enter') { e.preventDefault(); choose(results[active]); }
    else if (e.key === 'Escape') { setQuery(''); }
  };
  return (
    <div className="search" role="search">
      <label htmlFor={`${id}-input`} className="sr-only">{s.search.label}</label>
      <input
        id={`${id}-input`} className="search-input" type="search" role="combobox" autoComplete="off" spellCheck={false}
        placeholder={s.search.placeholder} value={query} aria-expanded={open} aria-controls={`${id}-list`}
        aria-activedescendant={open && results[active] ? `${id}-opt-${results[active].id}` : undefined}
        onChange={(e) => { setQuery(e.target.value); setActive(0); }} onKeyDown={onKey}
      />
      {open && (
        <ul id={`${id}-list`} className="search-results" role="listbox" aria-label={s.search.results(results.length)}>
          {results.length === 0 && <li className="no-match" role="option" aria-disabled="true" aria-selected={false}>{s.search.noMatch}</li>}
          {results.map((v, i) => (
            <li
              key={v.id} id={`${id}-opt-${v.id}`} role="option" aria-selected={i === active} data-village-id={v.id}
              className={i === active ? 'active' : ''} onMouseDown={(e) => { e.preventDefault(); choose(v); }}
            >
              <span className={v.nameKnown ? '' : 'provisional'}>{villageTitle(v)}</span> <span className="muted">· {v.formerCommune.name}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
