// The fields of SourceRef every query asks for, so each number can say where it came from.

/** GraphQL selection of a SourceRef. */
export const SOURCE_REF_FIELDS = 'doc title section ref quotes label';
