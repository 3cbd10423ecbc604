// The analyst console's example queries are the documented ones, server/examples.graphql (a test runs
// every one of them against a real server): each operation with the comment above it as its description.
import documented from '../../server/examples.graphql?raw';

/** Window event (detail: example id) that loads an example into the console's editor. */
export const EXAMPLE_EVENT = 'atlas-console-example';

export interface ExampleQuery {
  /** The operation name in kebab case ("VillageFeatures" → "village-features"). */
  id: string;
  operationName: string;
  /** The comment above the operation (English, as the file writes it). */
  description: string;
  /** The operation with its comment, as loaded into the editor. */
  query: string;
}

const OPERATION = /^(query|mutation|subscription)\s+([A-Za-z_][A-Za-z0-9_]*)/;

/** "VillagesNearAPoint" → "villages-near-a-point". */
export function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z])([A-Z][a-z])/g, '$1-$2').toLowerCase();
}

/**
 * The operations of a documented .graphql file. A comment block directly above an operation (no
 * blank line between) is its description; a comment block followed by a blank line (the file's
 * header) belongs to no operation.
 */
export function parseExamples(text: string): ExampleQuery[] {
  const out: ExampleQuery[] = [];
  let comments: string[] = [];
  let current: { name: string; description: string; lines: string[] } | null = null;
  const finish = () => {
    if (!current) return;
    while (current.lines.length && current.lines[current.lines.length - 1].trim() === '') current.lines.pop();
    out.push({ id: kebab(current.name), operationName: current.name, description: current.description, query: current.lines.join('\n') });
    current = null;
  };
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const op = OPERATION.exec(line);
    if (op) {
      finish();
      const description = comments.map((c) => c.replace(/^#\s?/, '')).join(' ').trim();
      current = { name: op[2], description, lines: [...comments, line] };
      comments = [];
    } else if (line.startsWith('#') && (!current || current.lines[current.lines.length - 1].trim() === '')) {
      // A comment at the top level after a blank line starts the next operation's description.
      finish();
      comments.push(line);
    } else if (line.trim() === '' && !current) {
      comments = [];
    } else if (current) {
      current.lines.push(line);
    }
  }
  finish();
  return out;
}

export const EXAMPLES: readonly ExampleQuery[] = parseExamples(documented);
