// A cap on what one anonymous answer may weigh, measured on the answer itself: the estimate before
// execution (answer-size.ts) bounds the work, this bounds the bytes whatever the estimate missed.
import type { ApolloServerPlugin } from '@apollo/server';
import { config } from '../config.ts';
import type { AtlasContext } from '../schema/context.ts';

/** Most characters of JSON in one anonymous answer (ANONYMOUS_ANSWER_CAP in the environment; 2 MB). */
export const ANONYMOUS_ANSWER_CAP = config.anonymousAnswerCap;

// An answer's length, measured once and read again by the response cache (the JSON of 2 MB takes milliseconds).
const measured = new WeakMap<object, number>();

/** Characters of the answer's JSON, computed once per answer object. */
export function answerChars(result: object): number {
  let n = measured.get(result);
  if (n === undefined) { n = JSON.stringify(result).length; measured.set(result, n); }
  return n;
}

/** The coded error an over-size anonymous answer is replaced with, naming the cap in Vietnamese and English. */
export function tooLarge(chars: number, cap = ANONYMOUS_ANSWER_CAP) {
  const mb = (n: number) => (n / 1048576).toFixed(1).replace('.', ',');
  return {
    message: `Câu trả lời quá lớn: ${mb(chars)} MB, tối đa ${mb(cap)} MB cho người dùng chưa đăng nhập; hãy hỏi ít bản hơn, đơn giản hoá ranh giới (simplifyMeters) hoặc giảm số chữ số (precision) ` +
      `/ The answer is too large: ${(chars / 1048576).toFixed(1)} MB, at most ${(cap / 1048576).toFixed(1)} MB without signing in; ask for fewer bản, simplify outlines (simplifyMeters) or round them (precision)`,
    extensions: { code: 'RESPONSE_TOO_LARGE', max: cap, found: chars },
  };
}

/** Replaces an anonymous answer larger than the cap with RESPONSE_TOO_LARGE (HTTP 413). */
export function answerSizeCapPlugin(cap = ANONYMOUS_ANSWER_CAP): ApolloServerPlugin<AtlasContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (contextValue.viewer.role !== 'anonymous') return;
      return {
        async willSendResponse({ response }) {
          const body = response.body;
          if (body.kind !== 'single' || !body.singleResult.data) return;
          const chars = answerChars(body.singleResult);
          if (chars <= cap) return;
          body.singleResult = { errors: [tooLarge(chars, cap)] };
          response.http.status = 413;
        },
      };
    },
  };
}
