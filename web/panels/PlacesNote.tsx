// The legend's places entry: what a marker means, that a dashed one stands at an approximate
// position, and which roads are known only by name (so not drawn).
import { Fragment } from 'react';
import type { Place, VillageInfo } from '../api/types.ts';
import { local, t } from '../i18n/i18n.ts';
import { isLinePlace } from '../map/line-place.ts';
import { placePosition } from '../map/places.ts';

/** Shown while the places layer is on. */
export function PlacesNote({ places, villages }: { places: Place[]; villages: VillageInfo[] }) {
  const s = t();
  const positions = places.map((p) => placePosition(p, villages));
  const marked = places.filter((_, i) => positions[i]);
  const approximate = positions.some((at) => at?.basis === 'cell');
  const drawn = places.filter(isLinePlace);
  const unplaced = places.filter((p, i) => !positions[i] && !isLinePlace(p));
  if (places.length === 0) return null;
  return (
    <section className="places-note" aria-labelledby="places-note-heading">
      <h3 id="places-note-heading">{s.places.heading}</h3>
      {marked.length > 0 && (
        <p className="places-key">
          <span className={`place-swatch${approximate ? ' approximate' : ''}`} aria-hidden="true" /> {s.places.marker}
          {approximate && <> · {s.places.markerApprox}</>}
        </p>
      )}
      {drawn.length > 0 && (
        <p className="places-key"><span className="line-swatch line-road" aria-hidden="true" /> {s.places.roadsDrawn}</p>
      )}
      {unplaced.length > 0 && (
        <p className="places-unplaced">
          {s.places.roadsUnknown}{' '}
          {unplaced.map((p, i) => <Fragment key={p.id}>{i > 0 ? '; ' : ''}<span data-place-id={p.id}>{local(p.name, p.nameEn)}</span></Fragment>)}
        </p>
      )}
    </section>
  );
}
