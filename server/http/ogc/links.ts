// Absolute URLs and media types of the OGC API: clients such as GDAL follow links, so every link is absolute.
import type { Request, Response } from 'express';
import { config } from '../../config.ts';
import { PUBLIC_CACHE_CONTROL } from '../cached-reads.ts';
import { badParameter } from './json-error.ts';

export const JSON_TYPE = 'application/json';
export const GEOJSON_TYPE = 'application/geo+json';
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

export interface Link { href: string; rel: string; type?: string; title?: string }

/**
 * The absolute URL of the API root (…/ogc): under the configured PUBLIC_URL, else under the origin the request
 * reached. A Host header is used only when it names this server (the address the connection arrived on, localhost
 * on loopback, or HOST); any other (a forged Host) gets the connection's own address, never the header's.
 */
export function apiRoot(req: Request, settings: { publicUrl: string | null; host: string } = config): string {
  return `${settings.publicUrl ?? ownOrigin(req, settings.host)}${req.baseUrl}`;
}

function ownOrigin(req: Request, configuredHost: string): string {
  const local = (req.socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const port = String(req.socket.localPort ?? '');
  const literal = local.includes(':') ? `[${local}]` : local;
  const names = new Set([literal, configuredHost.toLowerCase()]);
  if (/^127\.|^\[::1\]$/.test(literal)) names.add('localhost');
  names.delete('0.0.0.0');
  names.delete('::');
  let sent: URL | null = null;
  try { sent = new URL(`${req.protocol}://${req.get('host') ?? ''}`); } catch { sent = null; }
  const defaultPort = req.protocol === 'https' ? '443' : '80';
  if (sent && names.has(sent.hostname.toLowerCase()) && (sent.port || defaultPort) === port) return sent.origin;
  return `${req.protocol}://${literal}:${port}`;
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

/**
 * Send a JSON body with the given media type (res.json would always say application/json). Express gives it an ETag
 * of its bytes and answers a matching If-None-Match with 304; an anonymous answer (no Cache-Control set yet for a
 * session) may be kept as GraphQL's GETs are.
 */
export function sendJson(res: Response, body: unknown, type: string = JSON_TYPE): void {
  if (!res.hasHeader('Cache-Control')) res.setHeader('Cache-Control', PUBLIC_CACHE_CONTROL);
  res.type(`${type}; charset=utf-8`).send(JSON.stringify(body));
}
