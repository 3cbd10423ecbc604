// Bounds on the size and shape of a GraphQL operation, checked before anything runs.
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, TokenKind, type ASTVisitor, type ParseOptions, type ValidationContext, type ValidationRule } from 'graphql';

/**
 * The limits, sized for this schema. It has no cycles: its deepest legitimate path
 * (targets → candidates → formerCommune / nameSource → field) is 5 levels, and asking for every
 * field of every root query at once costs about 1,430 and takes about 780 tokens. The page's
 * heaviest query (bản with geometry and observation) costs about 64, depth 4, 52 tokens.
 */
export const QUERY_LIMITS = {
  /** Levels of nested selections (introspection's __schema is exempt, so GraphiQL still works). */
  depth: 7,
  /** Aliases: room for comparing a dozen indicators side by side, not for fanning out one heavy field. */
  aliases: 15,
  /** The schema has only @include/@skip; ten is plenty. */
  directives: 10,
  /** graphql-armor's cost (object 2, scalar 1, ×1.5 a level): every field of the schema once fits. */
  cost: 2000,
  /** Tokens of the document; big GeoJSON belongs in variables, which are not counted. */
  tokens: 2000,
  /**
   * Bytes the answer may reach, estimated before it runs with geometry weighed by its stored vertices
   * (server/http/answer-size.ts). The estimate is a worst case (every list full, every outline the largest):
   * the page's heaviest query is estimated at under 1 MB, one list of every bản outline with its former
   * commune's outline at 2 MB (it sends 0.6 MB), the 15-alias amplification of issue #10 at 30 MB; every
   * field of a root query four levels down (an analyst's exploration) stays under 20 MB. Anonymous answers
   * are also capped by what they really send (answer-size-cap.plugin.ts).
   */
  answerBytes: 24 * 1024 * 1024,
} as const;

/**
 * The parser itself gives up at twice the token limit (400 GRAPHQL_PARSE_FAILED), so a huge document
 * is never fully read nor validated (some of graphql's rules are quadratic); between the two the
 * validation rule below answers with the usual GRAPHQL_VALIDATION_FAILED.
 */
const PARSE_TOKEN_BACKSTOP = 2 * QUERY_LIMITS.tokens;

const LABELS_VI: Record<keyof typeof QUERY_LIMITS, string> = {
  depth: 'độ sâu',
  aliases: 'số bí danh',
  directives: 'số chỉ thị',
  cost: 'chi phí',
  tokens: 'số token',
  answerBytes: 'kích thước câu trả lời (byte, ước tính)',
};

/** One refusal: a stable code, the limit named in Vietnamese and English, its value and what was found. */
export function refusal(limit: keyof typeof QUERY_LIMITS, found: string): GraphQLError {
  const max = QUERY_LIMITS[limit];
  return new GraphQLError(
    `Truy vấn vượt giới hạn ${LABELS_VI[limit]}: tối đa ${max}, có ${found} / Query exceeds the ${limit} limit: at most ${max}, found ${found}`,
    { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit, max } },
  );
}

// graphql-armor's messages end with "found N."; keep the number, say the rest ourselves.
const report = (limit: keyof typeof QUERY_LIMITS) => (ctx: ValidationContext | null, error: GraphQLError) => {
  ctx?.reportError(refusal(limit, /found ([\d.]+?)\.?$/.exec(error.message)?.[1] ?? 'more'));
};
const armored = (limit: keyof typeof QUERY_LIMITS) => ({ propagateOnRejection: false, onReject: [report(limit)] });

/** Counts the document's tokens (the parser keeps them linked on the document's location). */
const maxTokensRule: ValidationRule = (ctx): ASTVisitor => ({
  Document: {
    enter(doc) {
      let n = 0;
      for (let t = doc.loc?.startToken ?? null; t; t = t.next) {
        if (t.kind !== TokenKind.SOF && t.kind !== TokenKind.EOF && t.kind !== TokenKind.COMMENT) n++;
      }
      if (n > QUERY_LIMITS.tokens) ctx.reportError(refusal('tokens', String(n)));
    },
  },
});

// Field suggestions stay on: introspection is open anyway, and analysts need them in the console.
// Armor's own token plugin throws from a parsing hook, which Apollo turns into a 500; the rule above answers 400.
const armor = new ApolloArmor({
  blockFieldSuggestion: { enabled: false },
  maxTokens: { enabled: false },
  // Depth counts fields, not fragment spreads: the page's documents share selections as fragments
  // (SourceRefFields inside CoverageFields), which adds no work.
  maxDepth: { n: QUERY_LIMITS.depth, flattenFragments: true, ...armored('depth') },
  maxAliases: { n: QUERY_LIMITS.aliases, ...armored('aliases') },
  maxDirectives: { n: QUERY_LIMITS.directives, ...armored('directives') },
  costLimit: { maxCost: QUERY_LIMITS.cost, ...armored('cost') },
}).protect();

/**
 * ApolloServer options that enforce QUERY_LIMITS (spread into its config): validation rules refuse
 * with 400 GRAPHQL_VALIDATION_FAILED naming the limit; the parser gives up on absurdly long documents.
 */
export const queryLimits: { validationRules: ValidationRule[]; parseOptions: ParseOptions } = {
  validationRules: [maxTokensRule, ...armor.validationRules],
  parseOptions: { maxTokens: PARSE_TOKEN_BACKSTOP },
};
