// One record from the field app applied or refused on its own: checked like the desk edits (officer-edit.ts),
// written through the same store methods in its own transaction with its submission row, so an officer's client id
// is applied once (another officer's record with the same id is its own record). A stale baseVersion is a CONFLICT
// (nothing written) until the officer chooses.
import { AtlasError, badInput } from '../errors.ts';
import type {
  AtlasSnapshot, AtlasStore, EditMeta, FieldOrigin, FieldPhoto, FieldPosition, FieldRecordKind, FieldSubmission, ObservationInput, Unit,
} from '../store/atlas-store.ts';
import { unitView } from '../queries/commune-view.ts';
import { checkPhoto } from './check-photo.ts';
import { cleanText, cleanVillageName } from './check-text.ts';
import { cellsAfterCentre, checkCentre, mustUnit, observationFromEdit } from './officer-edit.ts';

/** A centre from GPS less accurate than this is refused: it could sit in the neighbouring bản. */
export const CENTRE_MAX_ACCURACY_METERS = 50;

/** One record as the device sends it (FieldRecordInput's fields). */
export interface FieldRecordData {
  clientId: string;
  kind: FieldRecordKind;
  villageId: string;
  recordedAt: string;
  position?: { lon: number; lat: number; accuracyMeters?: number | null } | null;
  baseVersion: number;
  resolution?: 'KEEP_MINE' | 'KEEP_SERVER' | null;
  indicator?: string | null;
  period?: string | null;
  value?: unknown;
  comparator?: string | null;
  denominator?: number | null;
  status?: string | null;
  formula?: string | null;
  lon?: number | null;
  lat?: number | null;
  accuracyMeters?: number | null;
  name?: string | null;
  sourceNote: string;
  photo?: { mimeType: string; dataBase64: string } | null;
}

/** What happened to one record (FieldRecordResult). */
export interface FieldRecordOutcome {
  clientId: string;
  status: 'APPLIED' | 'ALREADY_APPLIED' | 'CONFLICT' | 'REJECTED' | 'KEPT_SERVER';
  code: string | null;
  field: string | null;
  message: string | null;
  serverValue: unknown;
  serverVersion: number | null;
  serverChangedBy: string | null;
  serverChangedAt: string | null;
  submissionId: number | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FROM_FIELD = 'Ghi tại thực địa / Recorded in the field';
const KEPT_MINE = 'Ghi tại thực địa; cán bộ chọn giá trị thực địa thay cho giá trị khác trên máy chủ / Recorded in the field; the officer chose the field value over the conflicting server value';
const KEPT_SERVER = 'Ghi tại thực địa; cán bộ giữ giá trị trên máy chủ, bỏ giá trị thực địa / Recorded in the field; the officer kept the server value and discarded the field value';

const blank = (clientId: string): FieldRecordOutcome => ({
  clientId, status: 'REJECTED', code: null, field: null, message: null, serverValue: null, serverVersion: null, serverChangedBy: null, serverChangedAt: null, submissionId: null,
});

/** A record checked and turned into the one write it makes (nothing is written yet). */
interface PreparedRecord {
  unit: Unit;
  /** The history field this record changes ("drugFree@2025", "centre", "name"). */
  field: string;
  /** What the record would store, as the review queue shows it. */
  fieldValue: unknown;
  indicator: string | null;
  period: string | null;
  /** The version the server has now, and its value. */
  current: { version: number; value: unknown };
  write: (tx: AtlasStore, meta: EditMeta) => Promise<number>;
  origin: FieldOrigin;
  photo: FieldPhoto | null;
}

function need<T>(value: T | null | undefined, field: string): T {
  if (value === null || value === undefined) throw badInput(field, `Thiếu ${field}`, `${field} is missing`);
  return value;
}

function checkPosition(p: FieldRecordData['position']): FieldPosition | null {
  if (!p) return null;
  if (!Number.isFinite(p.lon) || !Number.isFinite(p.lat) || Math.abs(p.lon) > 180 || Math.abs(p.lat) > 90) {
    throw badInput('position', `Vị trí [${p.lon}, ${p.lat}] không hợp lệ`, `Position [${p.lon}, ${p.lat}] is not a [lon, lat] position`);
  }
  const accuracy = p.accuracyMeters ?? null;
  if (accuracy !== null && (!Number.isFinite(accuracy) || accuracy < 0)) throw badInput('position', 'Độ chính xác không hợp lệ', 'The accuracy is not a distance in metres');
  return { lon: p.lon, lat: p.lat, accuracyMeters: accuracy };
}

/** Check one record against the data as it is now (the view of its bản's commune); BAD_USER_INPUT or NOT_FOUND (with the field) when it is wrong. */
function prepare(store: AtlasSnapshot, r: FieldRecordData): PreparedRecord {
  if (!UUID.test(r.clientId)) throw new AtlasError('BAD_USER_INPUT', `clientId "${r.clientId}" không phải UUID / clientId "${r.clientId}" is not a UUID`, { field: 'clientId', reason: 'CLIENT_ID_INVALID' });
  if (r.recordedAt.length > 40 || !/^\d{4}-\d{2}-\d{2}T/.test(r.recordedAt) || Number.isNaN(Date.parse(r.recordedAt))) {
    throw badInput('recordedAt', `recordedAt "${r.recordedAt}" không phải thời điểm ISO 8601`, `recordedAt "${r.recordedAt}" is not an ISO 8601 time`);
  }
  const sourceNote = cleanText('sourceNote', r.sourceNote, 3);
  if (sourceNote.length > 500) throw badInput('sourceNote', 'sourceNote: tối đa 500 ký tự', 'sourceNote: at most 500 characters');
  const unit = mustUnit(store, r.villageId, 'villageId', 'village');
  const origin: FieldOrigin = { clientId: r.clientId, recordedAt: r.recordedAt, position: checkPosition(r.position), sourceNote, resolution: r.resolution ?? null };
  const photo = r.photo ? checkPhoto(r.photo.mimeType, r.photo.dataBase64) : null;
  const base = { unit, origin, photo };

  if (r.kind === 'OBSERVATION') {
    const input: ObservationInput = observationFromEdit(store, {
      unitId: unit.id, indicator: need(r.indicator, 'indicator'), period: need(r.period, 'period'), value: r.value, comparator: r.comparator,
      denominator: r.denominator, status: r.status ?? 'REPORTED', sourceNote, formula: r.formula,
    });
    const old = store.observations({ unitId: unit.id, indicator: input.indicator }).find((o) => o.period === input.period);
    return {
      ...base, field: `${input.indicator}@${input.period}`, fieldValue: input.value, indicator: input.indicator, period: input.period,
      current: { version: old?.version ?? 0, value: old?.value ?? null },
      write: async (tx, meta) => (await tx.setObservation({ ...input, fieldClientId: r.clientId }, r.baseVersion, meta)).version,
    };
  }
  if (r.kind === 'CENTRE') {
    const accuracy = r.accuracyMeters ?? null;
    if (accuracy !== null && !(accuracy >= 0)) {
      throw new AtlasError('BAD_USER_INPUT', `Độ chính xác GPS ${accuracy} m không hợp lệ (phải ≥ 0) / GPS accuracy ${accuracy} m is not valid (must be 0 or more)`,
        { field: 'accuracyMeters', reason: 'ACCURACY_INVALID', accuracyMeters: accuracy });
    }
    if (accuracy !== null && !(accuracy <= CENTRE_MAX_ACCURACY_METERS)) {
      throw new AtlasError('BAD_USER_INPUT',
        `Độ chính xác GPS ${accuracy} m, vượt quá ${CENTRE_MAX_ACCURACY_METERS} m: chờ tín hiệu tốt hơn hoặc chạm vào bản đồ / ` +
        `GPS accuracy ${accuracy} m is worse than ${CENTRE_MAX_ACCURACY_METERS} m: wait for a better fix or tap the map`,
      { field: 'accuracyMeters', reason: 'ACCURACY_TOO_LOW', accuracyMeters: accuracy, limitMeters: CENTRE_MAX_ACCURACY_METERS });
    }
    const centre = checkCentre(store, need(r.lon, 'lon'), need(r.lat, 'lat'))!;
    return {
      ...base, field: 'centre', fieldValue: centre, indicator: null, period: null, current: { version: unit.version, value: unit.centre },
      // The cells follow the new centre: seconds of work, done only once the version is known to match.
      write: async (tx, meta) => (await tx.setUnitCentre(unit.id, centre, { doc: 'officer-entry', ref: sourceNote }, r.baseVersion,
        cellsAfterCentre(store, unit.id, centre), meta)).version,
    };
  }
  const name = cleanVillageName(need(r.name, 'name'));
  return {
    ...base, field: 'name', fieldValue: name, indicator: null, period: null, current: { version: unit.version, value: unit.name },
    write: async (tx, meta) => (await tx.setUnitName(unit.id, name, { doc: 'officer-entry', ref: sourceNote }, r.baseVersion, meta)).version,
  };
}

/**
 * What of a resent record differs from the one first received under its client id (as the submission keeps it:
 * bản, kind, indicator, period and the value as checked); empty for an identical replay.
 */
function differences(store: AtlasSnapshot, r: FieldRecordData, s: FieldSubmission): string[] {
  if (s.unitId !== r.villageId) return ['villageId'];
  if (s.kind !== r.kind) return ['kind'];
  let sent: { indicator: string | null; period: string | null; value: unknown };
  try {
    const p = prepare(store, r);
    sent = { indicator: p.indicator, period: p.period, value: p.fieldValue };
  } catch {
    // Not valid now (another indicator, or its bản changed since): compared as sent.
    const value = r.kind === 'CENTRE' ? [r.lon, r.lat] : r.kind === 'NAME' ? r.name : r.value;
    sent = { indicator: r.indicator ?? null, period: r.period ?? null, value };
  }
  const changed: string[] = [];
  if (sent.indicator !== s.indicator) changed.push('indicator');
  if (sent.period !== s.period) changed.push('period');
  if (JSON.stringify(sent.value ?? null) !== JSON.stringify(s.value ?? null)) changed.push(r.kind === 'CENTRE' ? 'lon/lat' : r.kind === 'NAME' ? 'name' : 'value');
  return changed;
}

/** The first answer to this officer's client id again, or a refusal when the officer sent another record under it. */
function replay(store: AtlasSnapshot, r: FieldRecordData, s: FieldSubmission): FieldRecordOutcome {
  const changed = differences(store, r, s);
  if (changed.length > 0) {
    // A changed value under a used id would otherwise be dropped without a word: the device must send it under a new id.
    return { ...blank(r.clientId), code: 'CLIENT_ID_REUSED', field: 'clientId',
      message: `clientId ${r.clientId} đã dùng cho một bản ghi khác: bản ghi này khác bản ghi đã nhận (${changed.join(', ')}) / ` +
        `clientId ${r.clientId} was already used: this record differs from the one received (${changed.join(', ')})` };
  }
  return { ...blank(r.clientId), status: 'ALREADY_APPLIED', serverVersion: s.outcome.serverVersion, submissionId: s.id,
    serverValue: s.outcome.status === 'APPLIED' ? s.value : null,
    message: s.outcome.status === 'KEPT_SERVER'
      ? 'Đã nhận trước đó: giữ giá trị trên máy chủ / Received before: the server value was kept'
      : 'Đã nhận và ghi trước đó / Received and applied before' };
}

/** Who last changed this field of the unit, and when (null for values from the seeds). */
async function lastChange(atlas: AtlasStore, unitId: string, field: string) {
  const entry = (await atlas.history(unitId)).filter((c) => c.field === field && c.entity !== 'field').at(-1);
  return { by: entry?.who ?? null, at: entry?.at ?? null };
}

/** Apply or refuse one record for this officer. Never throws for a problem with the record: it becomes REJECTED. */
export async function applyFieldRecord(atlas: AtlasStore, officer: string, r: FieldRecordData): Promise<FieldRecordOutcome> {
  try {
    const known = await atlas.fieldSubmission(officer, r.clientId);
    if (known) return replay(unitView(await atlas.snapshot(), r.villageId), r, known);
    const p = prepare(unitView(await atlas.snapshot(), r.villageId), r);
    const submission = (serverVersion: number, status: 'APPLIED' | 'KEPT_SERVER') => ({
      clientId: r.clientId, kind: r.kind, unitId: p.unit.id, indicator: p.indicator, period: p.period, value: p.fieldValue, officer,
      recordedAt: r.recordedAt, position: p.origin.position, sourceNote: p.origin.sourceNote, photo: p.photo,
      outcome: { status, serverVersion, message: null },
    });

    if (r.resolution === 'KEEP_SERVER') {
      const meta: EditMeta = { who: officer, why: KEPT_SERVER, origin: p.origin };
      const s = await atlas.atomically(async (tx) => {
        await tx.noteInHistory(p.unit.id, p.field, { value: p.current.value, version: p.current.version },
          { discardedValue: p.fieldValue, clientId: r.clientId, baseVersion: r.baseVersion }, meta);
        return tx.addFieldSubmission(submission(p.current.version, 'KEPT_SERVER'));
      });
      return { ...blank(r.clientId), status: 'KEPT_SERVER', serverValue: p.current.value, serverVersion: p.current.version, submissionId: s.id,
        message: KEPT_SERVER };
    }
    if (p.current.version !== r.baseVersion) return await conflict(atlas, r, p);
    const meta: EditMeta = { who: officer, why: r.resolution === 'KEEP_MINE' ? KEPT_MINE : FROM_FIELD, origin: p.origin };
    const s = await atlas.atomically(async (tx) => {
      const version = await p.write(tx, meta);
      return tx.addFieldSubmission(submission(version, 'APPLIED'));
    });
    return { ...blank(r.clientId), status: 'APPLIED', serverValue: p.fieldValue, serverVersion: s.outcome.serverVersion, submissionId: s.id };
  } catch (e) {
    if (!(e instanceof AtlasError)) {
      // One record's fault must not refuse the others; the log keeps the detail, the answer masks it.
      console.error(`field record ${r.clientId}:`, e);
      return { ...blank(r.clientId), code: 'INTERNAL_ERROR', message: 'Lỗi máy chủ khi ghi bản ghi này; gửi lại sau / Server error while writing this record; send it again later' };
    }
    // The same client id applied meanwhile by a second call: answer as a replay.
    const known = e.code === 'CONFLICT' && e.details.field === 'clientId' ? await atlas.fieldSubmission(officer, r.clientId) : undefined;
    if (known) return replay(unitView(await atlas.snapshot(), r.villageId), r, known);
    // A version that moved between the check and the write: the same CONFLICT, with what is there now.
    if (e.code === 'CONFLICT' && 'currentVersion' in e.details) {
      try { return await conflict(atlas, r, prepare(unitView(await atlas.snapshot(), r.villageId), r)); } catch { /* fall through to the refusal */ }
    }
    return { ...blank(r.clientId), code: String(e.details.reason ?? e.code), field: (e.details.field as string | undefined) ?? null, message: e.message };
  }
}

/** CONFLICT: nothing written; what the server holds now, so the officer sees both values. */
async function conflict(atlas: AtlasStore, r: FieldRecordData, p: PreparedRecord): Promise<FieldRecordOutcome> {
  const changed = await lastChange(atlas, p.unit.id, p.field);
  return {
    ...blank(r.clientId), status: 'CONFLICT', code: 'CONFLICT', field: 'baseVersion',
    message: `Trên máy chủ đã có phiên bản ${p.current.version} (bạn sửa từ ${r.baseVersion}): chọn giữ giá trị nào / ` +
      `The server has version ${p.current.version} (yours was based on ${r.baseVersion}): choose which value to keep`,
    serverValue: p.current.value, serverVersion: p.current.version, serverChangedBy: changed.by, serverChangedAt: changed.at,
  };
}
