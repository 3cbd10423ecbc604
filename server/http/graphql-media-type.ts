// The media type of a GraphQL answer, chosen from the request's Accept as Apollo Server chooses it (the same library,
// negotiator, over the same three types in the same order): application/json without an Accept or with */*,
// application/graphql-response+json when the client prefers it, none when it accepts neither. Every path that sends a
// GraphQL answer asks here: Apollo's (which then agrees with itself), the answer cache's and the path before Express,
// so a cached answer goes out in the type each client asked for, and a client that accepts none gets 406.
import type { IncomingHttpHeaders } from 'node:http';
import Negotiator from 'negotiator';
import type { RequestHandler } from 'express';
import { boundedMemo } from './bounded-memo.ts';
import { appendVary } from './vary.ts';

/** One representation of a GraphQL answer: its Content-Type, and the part its strong ETag adds for it. */
export interface GraphQLMediaType {
  contentType: string;
  /** Appended to the answer's ETag ('' for application/json): a strong tag names one representation (RFC 9110 §8.8.3). */
  etagPart: string;
  /** Its place among the types offered (cached-reads.ts keeps each answer's header lines per type). */
  slot: number;
}

export const JSON_MEDIA: GraphQLMediaType = { contentType: 'application/json; charset=utf-8', etagPart: '', slot: 0 };
export const GRAPHQL_RESPONSE_MEDIA: GraphQLMediaType = { contentType: 'application/graphql-response+json; charset=utf-8', etagPart: '-gr', slot: 1 };
/** Apollo's type for subscription callbacks; a client naming it exactly gets it from Apollo, so from the cache too. */
const CALLBACK_MEDIA: GraphQLMediaType = { contentType: 'application/json; callbackSpec=1.0; charset=utf-8', etagPart: '-cb', slot: 2 };

/** In Apollo's order of preference (chooseContentTypeForSingleResultResponse in @apollo/server). */
const OFFERED = [JSON_MEDIA, GRAPHQL_RESPONSE_MEDIA, CALLBACK_MEDIA];
const OFFERED_TYPES = OFFERED.map((m) => m.contentType);
/** How many types are offered (their slots are 0 to MEDIA_SLOTS - 1). */
export const MEDIA_SLOTS = OFFERED.length;

/**
 * The choice for each Accept value seen: clients send a handful of them, and negotiating (parsing every media range)
 * cost more than the rest of a 304.
 */
const chosen = boundedMemo((accept): GraphQLMediaType | null => {
  const type = new Negotiator({ headers: { accept } }).mediaType(OFFERED_TYPES);
  return type === undefined ? null : OFFERED[OFFERED_TYPES.indexOf(type)] ?? null;
}, { entries: 64, maxKeyChars: 512 });

/** The representation a request with this Accept gets; null when it accepts none of them (406). */
export function graphqlMediaType(accept: string | undefined): GraphQLMediaType | null {
  if (accept === undefined || accept === '') return JSON_MEDIA; // Apollo: no Accept (or an empty one) is JSON
  return chosen(accept);
}

/** The media type of this request's answer (see graphqlMediaType). */
export const mediaTypeOf = (headers: IncomingHttpHeaders): GraphQLMediaType | null => graphqlMediaType(headers.accept);

/** The 406 answer to a request that accepts no GraphQL media type: coded, naming what was sent and what to send. */
export function notAcceptableBody(accept: string | undefined): string {
  const sent = (accept ?? '').slice(0, 200);
  return JSON.stringify({ errors: [{
    message: `Không thể trả lời theo Accept "${sent}": gửi Accept: application/json hoặc application/graphql-response+json `
      + `/ Cannot answer in a type Accept "${sent}" allows: send Accept: application/json or application/graphql-response+json`,
    extensions: { code: 'NOT_ACCEPTABLE', field: 'Accept' },
  }] });
}

/**
 * Refuses a GraphQL request whose Accept admits no GraphQL media type with 406 Not Acceptable, before anything runs
 * (GraphQL over HTTP: the server should answer 406; Apollo would execute it first, a mutation included, then refuse).
 */
export const refuseNotAcceptable: RequestHandler = (req, res, next) => {
  if (mediaTypeOf(req.headers) !== null) return next();
  appendVary(res, 'Accept');
  res.status(406).type('application/json; charset=utf-8').setHeader('Cache-Control', 'no-store');
  res.end(notAcceptableBody(req.headers.accept));
};
