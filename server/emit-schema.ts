// `npm run schema`: writes server/schema.graphql from the type-graphql classes (committed, so changes show in review),
// then the web client's types (web/api/graphql-env.d.ts) from it.
import { readFileSync, writeFileSync } from 'node:fs';
import { buildAtlasSchema } from './schema/build-schema.ts';
import { GRAPHQL_ENV_PATH, graphqlEnvFromSdl } from './client-types/graphql-env.ts';

const root = new URL('..', import.meta.url).pathname;
await buildAtlasSchema(`${root}server/schema.graphql`);
writeFileSync(`${root}${GRAPHQL_ENV_PATH}`, graphqlEnvFromSdl(readFileSync(`${root}server/schema.graphql`, 'utf8')));
console.log(`server/schema.graphql and ${GRAPHQL_ENV_PATH} written`);
