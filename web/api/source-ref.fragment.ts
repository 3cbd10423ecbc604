// The fields of SourceRef every query asks for, so each number can say where it came from.
import { graphql } from './graphql.ts';

/** GraphQL selection of a SourceRef. */
export const SOURCE_REF_FIELDS = graphql(`
  fragment SourceRefFields on SourceRef { doc title titleEn section ref quotes label labelEn }
`);
