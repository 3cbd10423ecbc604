import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

/**
 * Same-origin only: the page may load nothing from elsewhere (the portal works offline by design), and no
 * other site may frame it. Each exception to 'self' is there for a named part of the page.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "connect-src 'self'",
  // data: GraphiQL's and Monaco's stylesheets inline their icons; blob: MapLibre decodes map images through blob URLs.
  "img-src 'self' data: blob:",
  // 'unsafe-inline': Monaco (GraphiQL's editor) and GraphiQL add <style> elements at run time.
  "style-src 'self' 'unsafe-inline'",
  // blob: MapLibre starts its module worker from a one-line blob script that imports the same-origin worker file.
  "worker-src 'self' blob:",
  // data: GraphiQL's stylesheet inlines its fonts (and Monaco's codicon font).
  "font-src 'self' data:",
].join('; ');

/** The headers of every response, as name, value, name, value… (the form res.writeHead takes at once). */
export const SECURITY_HEADERS: readonly string[] = [
  'Content-Security-Policy', CONTENT_SECURITY_POLICY,
  'X-Frame-Options', 'DENY', // frame-ancestors for browsers that predate it
  'X-Content-Type-Options', 'nosniff',
  'Referrer-Policy', 'no-referrer',
];

/** Set the headers on any response Express answers (those answered before it write SECURITY_HEADERS themselves). */
export function setSecurityHeaders(res: ServerResponse): void {
  for (let i = 0; i < SECURITY_HEADERS.length; i += 2) res.setHeader(SECURITY_HEADERS[i]!, SECURITY_HEADERS[i + 1]!);
}

export const securityHeaders: RequestHandler = (_req, res, next) => {
  setSecurityHeaders(res);
  next();
};
