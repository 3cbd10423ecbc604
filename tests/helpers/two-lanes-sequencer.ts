// The order test files start in when two run at once (vite.config.ts: maxWorkers 2). Vitest's own order (the
// slowest known first, else the largest file first) is kept within each kind, and the browser files (tests/page*,
// a real Chromium with software WebGL: the most CPU per second) alternate with the rest, so that the two files
// running at a time are seldom both browsers on this 2-core machine.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const isBrowserFile = (spec: TestSpecification) => /(^|\/)tests\/page[^/]*\.test\.ts$/.test(spec.moduleId);

export default class TwoLanesSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const browser = sorted.filter(isBrowserFile);
    const other = sorted.filter((f) => !isBrowserFile(f));
    const order: TestSpecification[] = [];
    for (let i = 0; i < Math.max(browser.length, other.length); i++) {
      if (i < browser.length) order.push(browser[i]);
      if (i < other.length) order.push(other[i]);
    }
    return order;
  }
}
