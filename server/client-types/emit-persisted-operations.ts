// `npm run operations` (and the first step of `npm run build`): writes server/persisted-operations.json
// from the page's documents (web/api/operations.ts), and web/api/persisted-ids.ts (name → id) for the page.
import { writeFileSync } from 'node:fs';
import { documentText } from '../../web/api/graphql.ts';
import { PAGE_OPERATIONS } from '../../web/api/operations.ts';
import { PERSISTED_IDS_PATH, PERSISTED_OPERATIONS_PATH, manifestJson, manifestOf, persistedIdsModule } from './persisted-operations.ts';

const root = new URL('../..', import.meta.url).pathname;
const texts = PAGE_OPERATIONS.map(documentText);
writeFileSync(`${root}${PERSISTED_OPERATIONS_PATH}`, manifestJson(manifestOf(texts)));
writeFileSync(`${root}${PERSISTED_IDS_PATH}`, persistedIdsModule(texts));
console.log(`${PERSISTED_OPERATIONS_PATH} and ${PERSISTED_IDS_PATH} written (${PAGE_OPERATIONS.length} operations)`);
