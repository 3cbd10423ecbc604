// The ranking on paper: one A4 page (title, criteria and weights, what the score is, the table), kept out
// of the app's tree (a portal on <body>) so the print style sheet can print it alone (html.print-ranking).
import { createPortal } from 'react-dom';
import { formatDecimal } from '../format/number.ts';
import { t } from '../i18n/i18n.ts';
import { villageTitle } from '../map/tooltip.ts';
import type { Criterion, Investment } from './criteria.ts';
import type { RankedVillage } from './ranking.ts';

interface Props {
  communeName: string;
  investment: Investment;
  criteria: Criterion[];
  weights: Record<string, number>;
  ranking: RankedVillage[];
  marks: ReadonlySet<string>;
}

/** The printable ranking (hidden on screen). */
export function RankingSheet({ communeName, investment, criteria, weights, ranking, marks }: Props) {
  const s = t();
  const today = new Date().toLocaleDateString(s.locale);
  return createPortal(
    <div className="ranking-sheet" aria-hidden="true">
      <h1>{s.planner.sheetTitle(s.planner.investments[investment] ?? investment)}</h1>
      <p className="sheet-meta">{communeName} · {s.print.printedOn} {today}</p>
      <p className="sheet-criteria">
        <strong>{s.planner.criteriaLine}:</strong> {criteria.map((c) => `${s.criteria[c.key]?.label ?? c.key} (${weights[c.key] ?? 0})`).join('; ')}
      </p>
      <p className="sheet-basis">{s.planner.scoreBasis}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">#</th><th scope="col">{s.scorecard.village}</th><th scope="col">{s.planner.formerCommune}</th>
            <th scope="col">{s.planner.score}</th><th scope="col">{s.planner.unknownInputs}</th><th scope="col">{s.planner.whatIfMark}</th>
          </tr>
        </thead>
        <tbody>
          {ranking.map((r) => (
            <tr key={r.village.id} data-village-id={r.village.id}>
              <td>{r.rank}</td>
              <td>{villageTitle(r.village)}</td>
              <td>{r.village.formerCommune.name}</td>
              <td>{formatDecimal(r.score, 2)}</td>
              <td>{r.unknowns || ''}</td>
              <td>{marks.has(r.village.id) ? '✓' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>,
    document.body,
  );
}
