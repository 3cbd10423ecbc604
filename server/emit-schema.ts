// `npm run schema`: writes server/schema.graphql from the type-graphql classes (committed, so changes show in review).
import { buildAtlasSchema } from './schema/build-schema.ts';

await buildAtlasSchema(new URL('./schema.graphql', import.meta.url).pathname);
console.log('server/schema.graphql written');
