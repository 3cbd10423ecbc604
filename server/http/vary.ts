import type { ServerResponse } from 'node:http';

/** Add a header name to the response's Vary (once), on any response, as Express's res.vary does. */
export function appendVary(res: ServerResponse, name: string): void {
  const current = res.getHeader('Vary');
  if (current === undefined) { res.setHeader('Vary', name); return; }
  const text = Array.isArray(current) ? current.join(', ') : String(current);
  if (text.trim() === '*' || text.toLowerCase().split(',').some((n) => n.trim() === name.toLowerCase())) return;
  res.setHeader('Vary', text ? `${text}, ${name}` : name);
}
