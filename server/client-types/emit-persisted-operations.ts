// `npm run operations` (and the first step of `npm run build`): writes server/persisted-operations.json
// from the page's documents (web/api/operations.ts).
import { writeFileSync } from 'node:fs';
import { documentText } from '../../web/api/graphql.ts';
import { PAGE_OPERATIONS } from '../../web/api/operations.ts';
import { PERSISTED_OPERATIONS_PATH, manifestJson, manifestOf } from './persisted-operations.ts';

const root = new URL('../..', import.meta.url).pathname;
writeFileSync(`${root}${PERSISTED_OPERATIONS_PATH}`, manifestJson(manifestOf(PAGE_OPERATIONS.map(documentText))));
console.log(`${PERSISTED_OPERATIONS_PATH} written (${PAGE_OPERATIONS.length} operations)`);
