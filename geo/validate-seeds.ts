import type { SeedBundle } from './seed-bundle.ts';
import type { FieldProvenance, LocalText, SourceRef } from './seed-types.ts';

const STATUSES = new Set(['REPORTED', 'DERIVED', 'ESTIMATED']);
/** The source document whose facts carry quotes, and how long a quote may be (a sentence or less). */
const REPORT = 'report-2025';
const MAX_QUOTE = 300;
/** How a source bounds a value it does not give exactly: "trên 95%" is >, "gần 400" is ≈. */
const BOUNDS = new Set(['>', '>=', '<', '<=', '≈']);
const KINDS = new Set(['boolean', 'count', 'percent', 'money', 'area', 'quantity', 'score']);

/**
 * Every problem in a seed bundle, each naming file, row and field (empty when the bundle is sound).
 * Checks references between files, statuses, formulas for derived values, the report passage every
 * reported or derived report fact quotes, NFC text, the communes each document is about, and the rule that a
 * sensitive value on a bản needs a source document.
 */
export function validateSeeds(b: SeedBundle): string[] {
  const problems: string[] = [];
  const say = (file: string, row: number | string, msg: string) => problems.push(`${file} row ${row}: ${msg}`);
  const docs = new Set(b.sources.map((s) => s.id));
  const checkSource = (file: string, row: number | string, ref: SourceRef | null | undefined, field = 'source') => {
    if (!ref || typeof ref.doc !== 'string') return say(file, row, `${field} is missing (every value needs one)`);
    if (!docs.has(ref.doc)) say(file, row, `${field}.doc "${ref.doc}" is not in sources.json`);
  };

  // A fact taken from the report carries the passage it rests on, so it can be checked and shown.
  const checkQuote = (file: string, row: number | string, status: string, ref: SourceRef | null | undefined, field = 'source') => {
    if (!ref || ref.doc !== REPORT || (status !== 'REPORTED' && status !== 'DERIVED')) return;
    const passages = [...(ref.quote !== undefined ? [ref.quote] : []), ...(ref.quotes ?? [])];
    if (!passages.length) return say(file, row, `${field}.quote is missing (a ${status} fact from the report needs the passage it rests on)`);
    for (const q of passages) {
      if (typeof q !== 'string' || !q.trim()) say(file, row, `${field}.quote is empty`);
      else if (/[^\S ]| {2}/.test(q) || q !== q.trim()) say(file, row, `${field}.quote "${q.slice(0, 40)}…" must have its whitespace folded to single spaces`);
      else if (q.length > MAX_QUOTE) say(file, row, `${field}.quote is ${q.length} characters; quote a sentence or less (at most ${MAX_QUOTE})`);
    }
  };

  const units = new Map<string, string>();
  units.set(b.commune.id, 'commune');
  // A unit's identity (code, name, dates) is a fact like any other: status and source for each.
  const checkProvenance = (file: string, row: number | string, p: Record<string, FieldProvenance> | undefined, fields: string[]) => {
    for (const field of fields) {
      const f = p?.[field];
      if (!f) { say(file, row, `provenance.${field} is missing (status and source of ${field})`); continue; }
      if (!STATUSES.has(f.status)) say(file, row, `provenance.${field}.status "${f.status}" is not one of ${[...STATUSES].join(', ')}`);
      if (f.status === 'DERIVED' && !f.formula) say(file, row, `provenance.${field} is DERIVED and needs a formula`);
      checkSource(file, row, f.source, `provenance.${field}.source`);
      checkQuote(file, row, f.status, f.source, `provenance.${field}.source`);
    }
  };
  checkSource('commune.json', 1, b.commune.founding?.source, 'founding.source');
  checkQuote('commune.json', 1, b.commune.founding?.status, b.commune.founding?.source, 'founding.source');
  if (!STATUSES.has(b.commune.founding?.status)) say('commune.json', 1, 'founding.status is missing or unknown');
  if (b.commune.adminCentre) {
    checkSource('commune.json', 1, b.commune.adminCentre.source, 'adminCentre.source');
    if (!STATUSES.has(b.commune.adminCentre.status)) say('commune.json', 1, 'adminCentre.status is missing or unknown');
    const centre = b.commune.adminCentre.village;
    if (centre?.formerCommune && !b.formerCommunes.some((f) => f.id === centre.formerCommune)) say('commune.json', 1, `adminCentre.village.formerCommune "${centre.formerCommune}" is unknown`);
    if (centre?.villageId && !b.villages.some((v) => v.id === centre.villageId)) say('commune.json', 1, `adminCentre.village.villageId "${centre.villageId}" is unknown`);
  }
  checkProvenance('commune.json', 1, b.commune.provenance, ['code', 'name', 'validFrom']);
  b.formerCommunes.forEach((f, i) => {
    if (units.has(f.id)) say('former-communes.json', i + 1, `duplicate id ${f.id}`);
    checkProvenance('former-communes.json', `${i + 1} (${f.id})`, f.provenance, ['code', 'name', 'validTo']);
    units.set(f.id, 'formerCommune');
  });
  b.villages.forEach((v, i) => {
    const row = `${i + 1} (bản ${v.id})`;
    if (units.has(v.id)) say('villages.json', row, `duplicate id ${v.id}`);
    units.set(v.id, 'village');
    if (!b.formerCommunes.some((f) => f.id === v.formerCommune)) say('villages.json', row, `formerCommune "${v.formerCommune}" is unknown`);
    if (!v.provisionalLabel) say('villages.json', row, 'provisionalLabel is required');
    if (v.name !== null && !v.nameSource) say('villages.json', row, `name "${v.name}" has no nameSource`);
    if (v.nameSource) checkSource('villages.json', row, v.nameSource, 'nameSource');
    if (v.centre) {
      const [lon, lat] = v.centre.lonLat;
      if (!(Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) {
        say('villages.json', row, `centre ${JSON.stringify(v.centre.lonLat)} is not a [lon, lat] position`);
      }
      checkSource('villages.json', row, v.centre.source, 'centre.source');
    }
  });

  const indicators = new Map(b.indicators.map((ind) => [ind.key, ind]));
  b.indicators.forEach((ind, i) => {
    const row = `${i + 1} (${ind.key})`;
    if (!/^[a-z][A-Za-z0-9]*$/.test(ind.key)) say('indicators.json', row, 'key must be camelCase');
    if (!KINDS.has(ind.kind)) say('indicators.json', row, `kind "${ind.kind}" is not one of ${[...KINDS].join(', ')}`);
    if (!ind.nameVi || !ind.nameEn) say('indicators.json', row, 'nameVi and nameEn are required');
  });
  if (indicators.size !== b.indicators.length) problems.push('indicators.json: duplicate keys');

  const seen = new Set<string>();
  b.observations.forEach((o, i) => {
    const row = `${i + 1} (${o.unit}, ${o.indicator}, ${o.period})`;
    const level = units.get(o.unit);
    const ind = indicators.get(o.indicator);
    if (!level) say('observations.json', row, `unit "${o.unit}" is unknown`);
    if (!ind) say('observations.json', row, `indicator "${o.indicator}" is not in indicators.json`);
    if (!STATUSES.has(o.status)) say('observations.json', row, `status "${o.status}" must be REPORTED, DERIVED or ESTIMATED`);
    if ((o.status === 'DERIVED' || o.status === 'ESTIMATED') && !o.formula) say('observations.json', row, `${o.status} value needs a formula`);
    if (o.comparator !== undefined && (!BOUNDS.has(o.comparator) || typeof o.value !== 'number')) {
      say('observations.json', row, `comparator "${o.comparator}" must be one of ${[...BOUNDS].join(' ')} on a number`);
    }
    checkSource('observations.json', row, o.source);
    checkQuote('observations.json', row, o.status, o.source);
    const key = `${o.unit}|${o.indicator}|${o.period}`;
    if (seen.has(key)) say('observations.json', row, 'duplicate of an earlier row (same unit, indicator, period)');
    seen.add(key);
    if (ind && level) {
      if (ind.kind === 'boolean' && level === 'village' && typeof o.value !== 'boolean') say('observations.json', row, 'a bản-level boolean value must be true or false');
      if (ind.kind === 'boolean' && level !== 'village') {
        if (typeof o.value !== 'number' || typeof o.denominator !== 'number' || o.value > o.denominator || o.value < 0) {
          say('observations.json', row, 'a group-level boolean fact needs value = bản achieving and denominator = bản counted');
        }
      }
      if (ind.kind !== 'boolean' && typeof o.value !== 'number' && typeof o.value !== 'string') say('observations.json', row, 'value must be a number');
      if (ind.kind === 'percent' && typeof o.value === 'number' && (o.value < 0 || o.value > 1000)) say('observations.json', row, `percent ${o.value} is out of range`);
    }
  });

  b.targets.forEach((t, i) => {
    const row = `${i + 1} (target ${t.no})`;
    if (t.indicator && !indicators.has(t.indicator)) say('targets.json', row, `indicator "${t.indicator}" is unknown`);
    checkSource('targets.json', row, t.source);
    checkQuote('targets.json', row, 'REPORTED', t.source); // a target is the report's own statement
  });
  b.places.forEach((p, i) => {
    const row = `${i + 1} (${p.id})`;
    for (const v of p.villages) if (units.get(v) !== 'village') say('places.json', row, `village "${v}" is unknown`);
    checkSource('places.json', row, p.source);
    for (const [k, a] of Object.entries(p.attributes)) {
      checkSource('places.json', row, a.source, `attributes.${k}.source`);
      checkQuote('places.json', row, a.status, a.source, `attributes.${k}.source`);
      if (a.comparator !== undefined && (!BOUNDS.has(a.comparator) || typeof a.value !== 'number')) say('places.json', row, `attributes.${k}.comparator "${a.comparator}" is not a bound`);
    }
  });

  // Texts people read come in both languages, neither left empty.
  const checkText = (file: string, row: string, field: string, t: LocalText | undefined, required = false) => {
    if (t === undefined) {
      if (required) say(file, row, `${field} is required`);
      return;
    }
    if (typeof t !== 'object' || t === null || typeof t.vi !== 'string' || typeof t.en !== 'string' || !t.vi.trim() || !t.en.trim()) {
      say(file, row, `${field} must be {"vi": "…", "en": "…"}, both non-empty`);
    }
  };
  b.sources.forEach((s, i) => {
    const row = `${i + 1} (${s.id})`;
    checkText('sources.json', row, 'title', s.title, true);
    checkText('sources.json', row, 'publisher', s.publisher);
    checkText('sources.json', row, 'licence', s.licence);
    // What a document is about decides which units' values it can publish (server/access/publication-rule.ts).
    const codes = s.communes;
    if (codes !== 'all' && (!Array.isArray(codes) || codes.length === 0 || !codes.every((c) => typeof c === 'string' && /^\d{5}$/.test(c)))) {
      say('sources.json', row, 'communes must be the official codes of the communes the document is about (["03943"]), or "all" for national data');
    }
  });
  b.villages.forEach((v, i) => checkText('villages.json', `${i + 1} (${v.id})`, 'note', v.note));
  b.places.forEach((p, i) => {
    checkText('places.json', `${i + 1} (${p.id})`, 'name', p.name, true);
    checkText('places.json', `${i + 1} (${p.id})`, 'note', p.note);
  });

  const texts = JSON.stringify(b);
  if (texts !== texts.normalize('NFC')) problems.push('seeds: some text is not in Unicode NFC');
  return problems;
}
