// The what-if in a few lines, for the legend and the planner: the bản count before → after the marks, and
// whether the 2030 target changes status (it "flips"). Every figure is what-if.ts's (the fact engine's).
import { formatRatio } from '../format/number.ts';
import { t } from '../i18n/i18n.ts';
import type { Scenario, WhatIfResult } from '../planner/what-if.ts';

function ratio(sc: Scenario): string {
  return `${sc.complete ? '' : '≥ '}${formatRatio(sc.achieved, sc.total)}`;
}

/** Whether the target's status differs with the marks. */
export function targetFlips(result: WhatIfResult): boolean {
  return !!result.target && result.before.status !== result.after.status;
}

/** One line: "Mục tiêu số 7 chuyển từ “Chưa đạt” sang “Đạt”" (or stays). */
export function TargetFlip({ result }: { result: WhatIfResult }) {
  const s = t();
  const { target, before, after } = result;
  if (!target || !before.status || !after.status) return null;
  const name = (st: string) => s.targets.statuses[st] ?? st;
  const flips = targetFlips(result);
  return (
    <p className={`whatif-flip${flips ? ' is-flip' : ''}`} data-target-no={target.no} data-before={before.status} data-after={after.status}>
      {flips ? s.planner.flip(target.no, name(before.status), name(after.status)) : s.planner.noFlip(target.no, name(after.status))}
    </p>
  );
}

/** The legend's what-if block, shown while bản are marked. */
export function WhatIfNote({ result, indicatorName, marked }: { result: WhatIfResult; indicatorName: string; marked: number }) {
  const s = t();
  return (
    <div className="whatif-note" data-marked={marked}>
      <h3>{s.planner.whatIf}</h3>
      <p>{s.planner.marked(marked)}. {s.planner.whatIfOnMap}.</p>
      <p className="whatif-count">
        {indicatorName}: <span className="wi-before" data-achieved={result.before.achieved}>{ratio(result.before)}</span>
        {' → '}
        <strong className="wi-after" data-achieved={result.after.achieved}>{ratio(result.after)}</strong> {s.banUnit} {s.states.achieved.toLowerCase()}
      </p>
      <TargetFlip result={result} />
    </div>
  );
}
