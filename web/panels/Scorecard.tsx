// The leader's home view: a compact matrix of bản × yes/no indicators (achieved / not achieved /
// unknown), ranked by gaps. Hovering a row outlines the bản on the map and hovering the map
// highlights the row; a row's button opens the bản's profile.
import { useEffect, useRef } from 'react';
import type { Indicator } from '../api/types.ts';
import { indicatorName, t, refLabel } from '../i18n/i18n.ts';
import type { CellState, Scorecard as ScorecardModel } from '../model/scorecard.ts';
import { notPublicOf, notPublicText } from '../model/publication.ts';
import { villageTitle } from '../map/tooltip.ts';

interface Props {
  scorecard: ScorecardModel;
  hovered: string | null;
  selected: string | null;
  /** The indicator on the map: its column is marked. */
  indicator: string;
  onHover: (id: string | null) => void;
  onSelect: (id: string) => void;
  onIndicator: (key: string) => void;
}

const SYMBOL: Record<CellState, string> = { achieved: '✓', inferred: '✓', notAchieved: '✗', inferredNot: '✗', unknown: '?', estimated: '≈' };

/** Short column heading of an indicator. */
function shortName(ind: Indicator): string {
  return t().shortNames[ind.key] ?? indicatorName(ind);
}

/** "Mường Bang" → "MB": the tag provisional labels use too. */
function initials(name: string): string {
  return name.split(/\s+/).map((w) => w[0]?.toUpperCase() ?? '').join('');
}

/** The scorecard matrix. */
export function Scorecard({ scorecard, hovered, selected, indicator, onHover, onSelect, onIndicator }: Props) {
  const s = t();
  const body = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    const id = hovered ?? selected;
    if (!id) return;
    body.current?.querySelector<HTMLElement>(`tr[data-village-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [hovered, selected]);
  const cellLabel = (state: CellState) => s.scorecard.cell[state];

  return (
    <section className="scorecard" aria-labelledby="scorecard-heading">
      <h2 id="scorecard-heading">{s.scorecard.heading}</h2>
      <p className="intro">{s.scorecard.intro}</p>
      <div className="scorecard-scroll">
        <table className="matrix">
          <thead>
            <tr>
              <th scope="col" className="c-rank">#</th>
              <th scope="col" className="c-name">{s.scorecard.village}</th>
              {scorecard.indicators.map((ind) => (
                <th key={ind.key} scope="col" className={`c-ind${ind.key === indicator ? ' on-map' : ''}`} title={indicatorName(ind)} data-indicator={ind.key}>
                  {/* The name read out starts with the short one shown (axe: label-content-name-mismatch). */}
                  <button type="button" className="col-btn" onClick={() => onIndicator(ind.key)} aria-pressed={ind.key === indicator}>
                    <span>{shortName(ind)}</span><span className="sr-only"> — {indicatorName(ind)}</span>
                  </button>
                </th>
              ))}
              <th scope="col" className="c-gaps" title={s.scorecard.gaps}><span aria-hidden="true">✗</span><span className="sr-only">{s.scorecard.gaps}</span></th>
            </tr>
          </thead>
          <tbody ref={body}>
            {scorecard.rows.map((r) => {
              const v = r.village;
              const title = villageTitle(v);
              return (
                <tr
                  key={v.id} data-village-id={v.id} data-rank={r.rank} data-gaps={r.gaps} data-unknown={r.unknown}
                  className={`${hovered === v.id ? 'is-hover' : ''} ${selected === v.id ? 'is-selected' : ''}`}
                  onMouseEnter={() => onHover(v.id)} onMouseLeave={() => onHover(null)}
                >
                  <td className="c-rank">{r.rank}</td>
                  <th scope="row" className="c-name">
                    <button
                      type="button" className={`row-btn${v.nameKnown ? '' : ' provisional'}`} data-village-id={v.id}
                      onClick={() => onSelect(v.id)} onFocus={() => onHover(v.id)} onBlur={() => onHover(null)}
                      aria-label={`${title}: ${r.gaps} ${s.scorecard.gaps.toLowerCase()}, ${r.unknown} ${s.scorecard.unknown.toLowerCase()}`}
                    >
                      {v.nameKnown && v.name ? v.name : v.provisionalLabel}
                    </button>
                    {v.nameKnown && <abbr className="fc-tag" title={`${s.formerCommune} ${v.formerCommune.name}`}>{initials(v.formerCommune.name)}</abbr>}
                  </th>
                  {scorecard.indicators.map((ind) => {
                    const c = r.cells[ind.key];
                    const notPublic = notPublicOf(c.resolved);
                    return (
                      <td
                        key={ind.key} className={`cell cell-${c.state}${ind.key === indicator ? ' on-map' : ''}`} data-indicator={ind.key} data-state={c.state}
                        data-publication={notPublic?.state}
                        title={`${title} — ${indicatorName(ind)}: ${cellLabel(c.state)}${c.obs ? ` (${s.sourcePrefix}: ${refLabel(c.obs.source)})` : ''}${notPublic ? ` — ${notPublicText(notPublic)}` : ''}`}
                      >
                        <span aria-hidden="true">{SYMBOL[c.state]}</span>
                        <span className="sr-only">{cellLabel(c.state)}</span>
                      </td>
                    );
                  })}
                  <td className="c-gaps">{r.gaps || ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ul className="matrix-key" aria-label={s.scorecard.key}>
        {(['achieved', 'notAchieved', 'unknown', 'estimated'] as CellState[]).map((st) => (
          <li key={st}><span className={`cell cell-${st}`} aria-hidden="true">{SYMBOL[st]}</span> {cellLabel(st)}</li>
        ))}
      </ul>
      <p className="matrix-note"><span className="cell cell-inferred" aria-hidden="true">✓</span> {s.scorecard.inferredNote}</p>
      <p className="matrix-note gaps-note"><span className="c-gaps" aria-hidden="true">✗</span> {s.scorecard.gapsNote}</p>
    </section>
  );
}
