// The shapes the fact engine reads and writes. Generic over the source type S so the server can pass
// its source references and the browser its own, and both get the same answer.
import type { BoundComparator } from '../seed-types.ts';

/** A count a source gives for a group of bản: "5/6" for a former commune, "19/23" for the commune. */
export interface CountFact<S> {
  achieved: number;
  total: number;
  /** When the source gives only a bound ("trên 5/6" is ">"): the count lies in an interval, it is not `achieved`. */
  comparator?: BoundComparator | null;
  /** REPORTED, DERIVED or ESTIMATED, as stored. */
  status: string;
  sources: S[];
  /** The period the figure refers to ("2025"), when known. */
  period?: string;
}

/** A bản's own yes/no value, as stored. */
export interface BanFact<S> {
  value: boolean;
  status: string;
  sources: S[];
  /** The period the value refers to, when known. */
  period?: string;
}

/** Every fact of one yes/no indicator: bản values, former-commune counts and the commune count. */
export interface FactSet<S> {
  /** Each bản with its group (former commune), or null when its former commune is unknown. */
  bans: Array<{ id: string; group: string | null; fact: BanFact<S> | null }>;
  groups: Array<{ id: string; fact: CountFact<S> | null }>;
  /** The commune's id and its commune-wide count. */
  wholeId: string;
  whole: CountFact<S> | null;
}

/**
 * How a bản's value is known: its OWN fact; every bản of a group meets it (GROUP_ALL, "7/7", "23/23");
 * none does (GROUP_NONE, "0/N"); the group's count less its known bản (SUBTRACTION); or NONE (unknown).
 */
export type BanBasis = 'OWN' | 'GROUP_ALL' | 'GROUP_NONE' | 'SUBTRACTION' | 'NONE';

/**
 * How a group's count is known: its own FACT; every bản's value (BAN_VALUES); the commune count less
 * the other groups (SUBTRACTION); or only BOUNDS (min < max).
 */
export type CountBasis = 'FACT' | 'BAN_VALUES' | 'SUBTRACTION' | 'BOUNDS';

/**
 * An assumption a value needs. SAME_DATE: the former-commune figures and the commune figure refer to
 * the same date (the report does not say). PERIODS_DIFFER: the facts combined into the count refer to
 * different periods (the count's reason lists them in params.periods), so it holds for no single date.
 */
export type Assumption = 'SAME_DATE' | 'PERIODS_DIFFER';

/** Why a value is what it is: a key the page renders in Vietnamese or English, with its parameters. */
export interface Reason {
  key:
    | 'OWN'                // the bản's own fact
    | 'FROM_GROUP'         // deduced from a former commune's count (unit, achieved, total)
    | 'FROM_WHOLE'         // deduced from the commune's count (achieved, total)
    | 'GROUP_COUNT_ONLY'   // unknown: the sources give only the former commune's count (unit, achieved, total)
    | 'GROUP_COUNT_INFERRED' // unknown: only the former commune's count is known, and it is inferred (unit, achieved, total)
    | 'WHOLE_COUNT_ONLY'   // unknown: the sources give only the commune's count (achieved, total)
    | 'NO_SOURCE'          // unknown: no source for this bản or its former commune
    | 'GROUP_UNKNOWN'      // unknown: the bản's former commune is not known
    | 'COVERED_BY_GROUP'   // withheld from this viewer: the group's count covers the bản (unit, achieved, total)
    | 'GROUP_FACT'         // a group's count from its own fact (achieved, total)
    | 'BAN_VALUES'         // a group's count from every bản's value
    | 'SUBTRACTION'        // a group's count: the commune's count less the other groups (achieved, total)
    | 'PARTIAL'            // a group's count is only bounded (known, unknown)
    | 'BOUNDED_FACT';      // the source gives only a bound of the count (unit, comparator, achieved, total)
  params: Record<string, string | number>;
}

export interface BanResolution<S> {
  id: string;
  value: boolean | null;
  basis: BanBasis;
  /** OWN: the fact's status; deduced: INFERRED; unknown: UNKNOWN. */
  status: string;
  /** The sources the value rests on (none when unknown). */
  sources: S[];
  assumptions: Assumption[];
  reason: Reason;
}

export interface CountResolution<S> {
  id: string;
  /** Fewest and most bản that can meet it, given every fact. */
  min: number;
  max: number;
  total: number;
  /** min / total when min == max, else null. */
  share: number | null;
  basis: CountBasis;
  /** FACT: the fact's status; SUBTRACTION: INFERRED; BAN_VALUES: DERIVED; BOUNDS: UNKNOWN. */
  status: string;
  /** Only the sources that support this count. */
  sources: S[];
  assumptions: Assumption[];
  /** Bản of the group whose own value stays unknown. */
  unknownBans: number;
  /** The periods of the facts combined into this count (more than one: PERIODS_DIFFER). */
  periods: string[];
  reason: Reason;
}

/** Facts that contradict each other: shown to users as data-quality warnings, never resolved silently. */
export interface Finding {
  kind: 'GROUP_VS_BANS' | 'WHOLE_VS_GROUPS' | 'TOTAL_MISMATCH';
  /** The unit whose fact disagrees (a former commune, or the commune as "whole"). */
  unitId: string;
  params: Record<string, number>;
}

export interface IndicatorResolution<S> {
  bans: Array<BanResolution<S>>;
  groups: Array<CountResolution<S>>;
  whole: CountResolution<S>;
  findings: Finding[];
}
