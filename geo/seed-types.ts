// The shape of the files under seeds/<commune>/: the commune's facts as data, each with its source.
// geo/ validates seeds against these types; the store loads them; nothing else defines them.

/** How a value came to be (GUIDE §2). A value with no observation is unknown. */
export type ObservationStatus = 'REPORTED' | 'DERIVED' | 'ESTIMATED';

/** Where a value comes from: a document of sources.json and the place in it. */
export interface SourceRef {
  /** id of a document in sources.json, e.g. "report-2025", "ban-facts", "sapnhap-2025". */
  doc: string;
  /** For the report: part and section, written as the report numbers them, e.g. "Phần thứ hai I.7.2". */
  section?: string;
  /**
   * For the report: the exact passage the value rests on (NFC, whitespace folded, a sentence or less),
   * so a reader can see the sentence behind a number. Required for REPORTED and DERIVED report facts.
   */
  quote?: string;
  /** For a DERIVED value whose inputs are in more than one sentence: one passage per sentence, in the report's order. */
  quotes?: string[];
  /** For ban-facts.md: its source labels, e.g. "S3, S4". */
  ref?: string;
}

/** A text people read, in both languages of the interface (NFC): the page shows the one of its language. */
export interface LocalText {
  vi: string;
  en: string;
}

export interface SourceDocument {
  id: string;
  title: LocalText;
  /** "report" | "dataset" | "compilation" | "web page" … */
  kind: string;
  /** True when the document is published: sensitive values from it may be shown to anonymous visitors. */
  public: boolean;
  /**
   * The communes the document is about, by official code (Mường Bang's report: ["03943"]): it can state values for
   * their units only. "all" for national reference data, and for the portal's own sources, which serve every commune.
   */
  communes: DocumentCommunes;
  publisher?: LocalText;
  date?: string;
  url?: string;
  licence?: LocalText;
  note?: string;
}

/** The communes a document is about: their official codes, or "all" (every commune of the country). */
export type DocumentCommunes = string[] | 'all';

/** Where one identity field of a unit (code, name, dates) comes from, as observations say it. */
export interface FieldProvenance {
  status: ObservationStatus;
  source: SourceRef;
  /** Required for DERIVED: how the value follows from sourced facts. */
  formula?: string;
  note?: string;
}

export interface CommuneSeed {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  validFrom: string;
  validTo: string | null;
  founding: { resolution: string; date: string; by: string; status: ObservationStatus; source: SourceRef };
  adminCentre?: {
    name: string;
    status: ObservationStatus;
    source: SourceRef;
    /**
     * The bản it names, one of the commune's bản: its former commune and its cell (villageId) stay null
     * until a source says which they are.
     */
    village?: { name: string; formerCommune: string | null; villageId: string | null; note?: string };
  };
  /** Source and status of code, name and validFrom. */
  provenance: Record<'code' | 'name' | 'validFrom', FieldProvenance>;
}

export interface FormerCommuneSeed {
  id: string;
  /** Official code before the merger. Codes were reused (the new commune took Mường Do's 03943). */
  code: string;
  name: string;
  validFrom: string | null;
  validTo: string;
  /** Prefix of the provisional labels of its bản, e.g. "MB". */
  labelPrefix: string;
  /** Source and status of code, name and validTo. */
  provenance: Record<'code' | 'name' | 'validTo', FieldProvenance>;
}

export interface VillageSeed {
  /** Stable id, independent of the name (names may be corrected later), e.g. "mb-01". */
  id: string;
  formerCommune: string;
  /** NFC name as a source gives it ("Lao", without the word "bản"), or null when no source names this bản. */
  name: string | null;
  /** Stable, clearly provisional label used while the name is unknown, e.g. "MB-07". */
  provisionalLabel: string;
  nameSource: SourceRef | null;
  /** How sure the sources are of the name: "good" | "medium" | "report only" | "1979 only" | null. */
  nameConfidence: string | null;
  /** Known centre [lon, lat] with its source, or null (none known today). */
  centre: { lonLat: [number, number]; source: SourceRef } | null;
  /** What is known of the bản, shown in its profile. */
  note?: LocalText;
}

export type IndicatorKind = 'boolean' | 'count' | 'percent' | 'money' | 'area' | 'quantity' | 'score';

export interface IndicatorSeed {
  key: string;
  nameVi: string;
  nameEn: string;
  kind: IndicatorKind;
  /** Unit as shown to people: "bản", "%", "hộ", "tỷ đồng", "triệu đồng/người/năm", "km²", "ha", "tấn" … */
  unit: string;
  /** true when more is better, false when less is better, null when neither. */
  higherIsBetter: boolean | null;
  /** Sensitive indicators (drug status) are never shown per named bản without a public source. */
  sensitive: boolean;
  /** Level the indicator is meant for: bản-level booleans are counted into coverage. */
  levels: Array<'commune' | 'formerCommune' | 'village'>;
  descriptionVi?: string;
  descriptionEn?: string;
}

/**
 * One value of one indicator for one unit and period.
 * For a boolean indicator observed on a group ("5 of 6 bản"), value is the count achieving it
 * and denominator the number of bản counted.
 */
export interface ObservationSeed {
  unit: string;
  indicator: string;
  /** "2021", "2024", "2020-2025" (the term), "2025-07" … */
  period: string;
  value: number | boolean | string;
  /** When the source gives a bound, not the value: "trên 95%" is ">" 95, "gần 400" is "≈" 400. */
  comparator?: BoundComparator;
  denominator?: number;
  status: ObservationStatus;
  source: SourceRef;
  /** Required for DERIVED and ESTIMATED: how the value was computed, from which observations. */
  formula?: string;
  note?: string;
}

export type Comparator = '>' | '>=' | '<' | '<=' | '=';

/** How a source bounds a value: more than, at least, less than, at most, nearly. */
export type BoundComparator = '>' | '>=' | '<' | '<=' | '≈';

export interface TargetSeed {
  /** The report's number, 1–21. */
  no: number;
  group: 'economy' | 'society' | 'environment' | 'party';
  /** Short label of our own (not the report's prose). */
  labelVi: string;
  labelEn: string;
  /** Indicator it measures, when the portal has one. */
  indicator: string | null;
  comparator: Comparator | null;
  value: number | null;
  unit: string | null;
  /** Year the target is for. */
  year: number;
  baseline: { value: number; denominator?: number; period: string; status: ObservationStatus; formula?: string } | null;
  /** Parts of a compound target (several figures in one item), each with its own comparator and value. */
  parts?: Array<{ labelVi: string; labelEn: string; comparator: Comparator; value: number; unit: string }>;
  source: SourceRef;
  note?: string;
}

export interface PlaceAttribute {
  value: number | string | boolean;
  /** When the source gives a bound ("gần 12 tỷ" is "≈" 12). */
  comparator?: BoundComparator;
  unit?: string;
  status: ObservationStatus;
  source: SourceRef;
  formula?: string;
}

export interface PlaceSeed {
  id: string;
  kind: 'resettlementSite' | 'road' | 'school' | 'healthStation' | 'culturalHouse';
  name: LocalText;
  formerCommune: string | null;
  /** Village ids the place belongs to or passes through, where a source says so. */
  villages: string[];
  status: string;
  attributes: Record<string, PlaceAttribute>;
  /** GeoJSON geometry where known; null today (no coordinates in the sources). */
  geometry: null | { type: string; coordinates: unknown };
  source: SourceRef;
  note?: LocalText;
}
