// Absolute URLs and media types of the OGC API: clients such as GDAL follow links, so every link is absolute.
import type { Request, Response } from 'express';
import { badParameter } from './json-error.ts';

export const JSON_TYPE = 'application/json';
export const GEOJSON_TYPE = 'application/geo+json';
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

export interface Link { href: string; rel: string; type?: string; title?: string }

/** The absolute URL of the API root (…/ogc) as the client reached it. */
export function apiRoot(req: Request): string {
  return `${req.protocol}://${req.get('host')}${req.baseUrl}`;
}

/** A URL with query parameters (undefined values left out). */
export function withQuery(url: string, params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `${url}?${s}` : url;
}

/** The `f` parameter: only JSON encodings are served; anything else is a 400 naming `f`. */
export function checkFormat(req: Request): void {
  const f = req.query.f;
  if (f === undefined) return;
  if (typeof f !== 'string' || !['json', 'geojson', 'application/json', 'application/geo+json'].includes(f.toLowerCase())) {
    throw badParameter('f', 'Chỉ hỗ trợ f=json', 'Only f=json is supported');
  }
}

/** Refuse query parameters the operation does not define (OGC API Features /req/core/query-param-unknown). */
export function checkParameters(req: Request, allowed: string[]): void {
  for (const [name, value] of Object.entries(req.query)) {
    if (!allowed.includes(name)) {
      throw badParameter(name, `Tham số không được hỗ trợ "${name}"`, `Unknown query parameter "${name}" (allowed: ${allowed.join(', ')})`);
    }
    if (typeof value !== 'string') throw badParameter(name, `Tham số "${name}" chỉ được ghi một lần`, `Parameter "${name}" must be given once`);
  }
}

/** Send a JSON body with the given media type (res.json would always say application/json). */
export function sendJson(res: Response, body: unknown, type: string = JSON_TYPE): void {
  res.type(`${type}; charset=utf-8`).send(JSON.stringify(body));
}
