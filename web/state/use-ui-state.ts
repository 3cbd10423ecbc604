// The UI state, mirrored in the URL hash: a new entry in the browser history when the view or the
// selected bản changes (so Back closes a profile), a replaced one for everything else.
import { useCallback, useEffect, useState } from 'react';
import { parseHash, toHash } from './url-state.ts';
import type { UiState } from './ui-state.ts';

/** [state, update]; update takes a partial state. */
export function useUiState(): [UiState, (patch: Partial<UiState>) => void] {
  const [ui, setUi] = useState<UiState>(() => parseHash(window.location.hash));

  useEffect(() => {
    const onPop = () => setUi(parseHash(window.location.hash));
    window.addEventListener('popstate', onPop);
    window.addEventListener('hashchange', onPop);
    return () => {
      window.removeEventListener('popstate', onPop);
      window.removeEventListener('hashchange', onPop);
    };
  }, []);

  const update = useCallback((patch: Partial<UiState>) => {
    setUi((prev) => {
      const next = { ...prev, ...patch };
      const hash = toHash(next);
      if (hash !== window.location.hash) {
        const push = next.view !== prev.view || next.selected !== prev.selected;
        if (push) window.history.pushState(null, '', hash);
        else window.history.replaceState(null, '', hash);
      }
      return next;
    });
  }, []);

  // Write the canonical hash once at start (fills in defaults).
  useEffect(() => {
    const hash = toHash(ui);
    if (hash !== window.location.hash) window.history.replaceState(null, '', hash);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return [ui, update];
}
