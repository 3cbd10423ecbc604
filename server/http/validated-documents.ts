// Parsed and validated GraphQL documents, kept by their text, for the path before Express (anonymous-post.ts): the
// page and analysts send the same few documents again and again, and parsing and validating one costs more than
// executing a small one. Apollo keeps its own store the same way (validated once, keyed by the document's hash), with
// the same parse options and rules (app.ts hands both the same ones), so both paths refuse and accept alike.
import { parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ParseOptions, type ValidationRule } from 'graphql';

/** Characters of document text kept at most (the texts and their documents); past it, the store starts over. */
const KEPT_CHARS = 4 * 1024 * 1024;

/** Documents that parse and pass every rule, by their text. */
export class ValidatedDocuments {
  private readonly kept = new Map<string, DocumentNode>();
  private chars = 0;
  private readonly rules: readonly ValidationRule[];

  constructor(private readonly schema: GraphQLSchema, rules: readonly ValidationRule[], private readonly parseOptions: ParseOptions) {
    this.rules = [...specifiedRules, ...rules];
  }

  /**
   * The document of this text when it parses and validates, else null: the caller leaves such a request to Apollo,
   * which answers it with its coded error. A refused text is not kept (Apollo keeps none either).
   */
  get(text: string): DocumentNode | null {
    const known = this.kept.get(text);
    if (known) return known;
    let document: DocumentNode;
    try {
      document = parse(text, this.parseOptions);
    } catch {
      return null;
    }
    if (validate(this.schema, document, this.rules).length > 0) return null;
    // Bounded, so that strangers sending ever new documents cannot grow it.
    if (this.chars + text.length > KEPT_CHARS) { this.kept.clear(); this.chars = 0; }
    if (text.length <= KEPT_CHARS / 4) { this.kept.set(text, document); this.chars += text.length; }
    return document;
  }
}
