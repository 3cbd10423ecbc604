// The web client's GraphQL types come from the committed schema: gql.tada reads this introspection
// file and infers every operation's result and variables, so a renamed field fails `tsc`.
import { buildSchema, introspectionFromSchema } from 'graphql';
import { minifyIntrospection, outputIntrospectionFile } from '@gql.tada/internal';

/** Where the generated introspection type lives (imported by web/api/graphql.ts). */
export const GRAPHQL_ENV_PATH = 'web/api/graphql-env.d.ts';

/** The text of web/api/graphql-env.d.ts for a schema given as SDL. */
export function graphqlEnvFromSdl(sdl: string): string {
  const introspection = introspectionFromSchema(buildSchema(sdl), { descriptions: false });
  return outputIntrospectionFile(minifyIntrospection({ ...introspection, name: undefined }), {
    fileType: '.d.ts',
    shouldPreprocess: true,
  });
}
