// A cap on what one anonymous answer may weigh, measured on the answer itself: the estimate before
// execution (answer-size.ts) bounds the work, this bounds the bytes whatever the estimate missed.
import type { ApolloServerPlugin } from '@apollo/server';
import { config } from '../config.ts';
import type { AtlasContext } from '../schema/context.ts';

/** Most characters of JSON in one anonymous answer (ANONYMOUS_ANSWER_CAP in the environment; 2 MB). */
export const ANONYMOUS_ANSWER_CAP = config.anonymousAnswerCap;

/**
 * The measured size of large arrays: geometry is computed once per data version and the same coordinate arrays
 * are in every answer that shows it, so each is walked once, not once per request (the walk was most of the
 * cap's cost). Keyed weakly: an array no answer holds any more is forgotten with it.
 */
const measured = new WeakMap<object, number>();
/** Arrays shorter than this are walked each time (remembering them would cost more than walking them). */
const REMEMBER_FROM = 32;

/**
 * About how many characters the value's JSON has (strings counted without escapes), counting no further
 * than `stopAbove`: an answer of 100 MB is found too large after walking 2 MB of it, not serialised.
 */
export function jsonCharsUpTo(value: unknown, stopAbove: number): number {
  let n = 0;
  const walk = (v: unknown): void => {
    if (n > stopAbove) return;
    if (v === null || v === undefined) n += 4;
    else if (typeof v === 'string') n += v.length + 2;
    else if (typeof v === 'number' || typeof v === 'boolean') n += String(v).length;
    else if (Array.isArray(v)) {
      const known = v.length >= REMEMBER_FROM ? measured.get(v) : undefined;
      if (known !== undefined) { n += known; return; }
      const start = n;
      n += 2;
      for (const x of v) { walk(x); n++; if (n > stopAbove) return; }
      if (v.length >= REMEMBER_FROM) measured.set(v, n - start); // walked whole: its size is known
    } else if (typeof v === 'object') {
      n += 2;
      for (const k in v as object) { n += k.length + 4; walk((v as Record<string, unknown>)[k]); if (n > stopAbove) return; }
    }
  };
  walk(value);
  return n;
}

/** The coded error an over-size anonymous answer is replaced with, naming the cap in Vietnamese and English. */
export function tooLarge(chars: number, cap = ANONYMOUS_ANSWER_CAP) {
  const mb = (n: number) => (n / 1048576).toFixed(1).replace('.', ',');
  return {
    message: `Câu trả lời quá lớn: hơn ${mb(chars)} MB, tối đa ${mb(cap)} MB cho người dùng chưa đăng nhập; hãy hỏi ít bản hơn, đơn giản hoá ranh giới (simplifyMeters) hoặc giảm số chữ số (precision) ` +
      `/ The answer is too large: over ${(chars / 1048576).toFixed(1)} MB, at most ${(cap / 1048576).toFixed(1)} MB without signing in; ask for fewer bản, simplify outlines (simplifyMeters) or round them (precision)`,
    extensions: { code: 'RESPONSE_TOO_LARGE', max: cap, found: chars },
  };
}

/** A GraphQL result as it is sent: formatted errors, data, extensions. */
export interface SentResult { errors?: readonly unknown[]; data?: Record<string, unknown> | null; extensions?: unknown }

/**
 * The anonymous answer to send for `result`: itself, or RESPONSE_TOO_LARGE with HTTP 413 when its data weigh more
 * than the cap. Apollo's path (the plugin below) and the path before Express (anonymous-post.ts) both ask this.
 */
export function cappedAnswer<R extends SentResult>(result: R, cap = ANONYMOUS_ANSWER_CAP): { result: R | { errors: [ReturnType<typeof tooLarge>] }; status?: 413 } {
  if (!result.data) return { result };
  const chars = jsonCharsUpTo(result, cap);
  if (chars <= cap) return { result };
  return { result: { errors: [tooLarge(chars, cap)] }, status: 413 };
}

/**
 * Replaces an anonymous answer larger than the cap with RESPONSE_TOO_LARGE (HTTP 413). Not an anonymous GET: it runs
 * only the page's own operations (persisted-operations.ts), answered once per data version and kept as bytes, so it
 * cannot amplify; capped, a commune that recorded many years of its former communes' figures would have no public map.
 */
export function answerSizeCapPlugin(cap = ANONYMOUS_ANSWER_CAP): ApolloServerPlugin<AtlasContext> {
  return {
    async requestDidStart({ contextValue, request }) {
      if (contextValue.viewer.role !== 'anonymous' || request.http?.method === 'GET') return;
      return {
        async willSendResponse({ response }) {
          const body = response.body;
          if (body.kind !== 'single') return;
          const capped = cappedAnswer(body.singleResult, cap);
          if (capped.status === undefined) return;
          body.singleResult = capped.result;
          response.http.status = capped.status;
        },
      };
    },
  };
}
