// The persisted-operation manifest: operation id → document text, built from the page's documents.
// Anonymous GET reads name an id from it (server/http/persisted-operations.ts), so an HTTP cache in front
// of the portal only ever sees operations the page itself sends.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Where the manifest is committed (written by `npm run operations` and `npm run build`). */
export const PERSISTED_OPERATIONS_PATH = 'server/persisted-operations.json';

/** id → document text. */
export type PersistedOperations = Readonly<Record<string, string>>;

/**
 * An operation's id: the sha256 (hex) of its text, as Apollo's automatic persisted queries hash it, so a
 * client sends `extensions.persistedQuery.sha256Hash` and the server can check the text it substitutes.
 */
export function operationId(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The manifest of some documents' texts, ids sorted so the file changes only when a document does. */
export function manifestOf(texts: readonly string[]): PersistedOperations {
  const entries = texts.map((t) => [operationId(t), t] as const).sort(([a], [b]) => a.localeCompare(b));
  return Object.fromEntries(entries);
}

/** The manifest as JSON text (what is committed). */
export function manifestJson(manifest: PersistedOperations): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Read the committed manifest; every entry's id must be its text's hash. */
export function loadPersistedOperations(root: string): PersistedOperations {
  const manifest = JSON.parse(readFileSync(`${root}/${PERSISTED_OPERATIONS_PATH}`, 'utf8')) as Record<string, string>;
  for (const [id, text] of Object.entries(manifest)) {
    if (operationId(text) !== id) throw new Error(`${PERSISTED_OPERATIONS_PATH}: id ${id} is not the hash of its document (run \`npm run operations\`)`);
  }
  return manifest;
}
