// Query: the report's 21 targets for 2030 with baseline, current value, status and, for bản counts, the candidates.
import { graphql } from './graphql.ts';
import { SOURCE_REF_FIELDS } from './source-ref.fragment.ts';

/** A target's baseline or current value. */
export const TARGET_VALUE_FIELDS = graphql(`
  fragment TargetValueFields on TargetValue { value comparator count denominator period status formula source { ...SourceRefFields } }
`, [SOURCE_REF_FIELDS]);

/** What the page reads of a target. */
export const TARGET_FIELDS = graphql(`
  fragment TargetFields on Target {
    no group labelVi labelEn indicator comparator value unit year status villagesNeeded moreVillagesNeeded moreVillagesNeededAtMost moreVillagesNeededAtLeast note
    baseline { ...TargetValueFields }
    current { ...TargetValueFields }
    candidates { id label }
    parts { labelVi labelEn comparator value unit }
    source { ...SourceRefFields }
  }
`, [TARGET_VALUE_FIELDS, SOURCE_REF_FIELDS]);

export const TARGETS_QUERY = graphql(`
  query AtlasTargets {
    targets { ...TargetFields }
  }
`, [TARGET_FIELDS]);

