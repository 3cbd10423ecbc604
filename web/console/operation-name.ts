// The operation name the console sends with a query.
import { getOperationAST, Kind, parse, type OperationDefinitionNode } from 'graphql';

/**
 * GraphiQL learns the operation name from the editor a moment after the text changes, so Run right
 * after an example was loaded sends the previous example's name. Keep the name only when the
 * document has such an operation; otherwise use the document's single operation.
 */
export function operationNameFor(query: string, requested: string | null | undefined): string | null {
  try {
    const doc = parse(query);
    if (requested && getOperationAST(doc, requested)) return requested;
    const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (ops.length === 1) return ops[0].name?.value ?? null;
  } catch { /* the server names the syntax error */ }
  return requested ?? null;
}
