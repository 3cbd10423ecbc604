// When a request's answer is written (or its connection closed): the heavy-request gate holds its turn until then.
import type { ServerResponse } from 'node:http';
import { finished } from 'node:stream';

/**
 * Settles once `res` is written to the client or its connection is closed, also when that happened already (a
 * client that went away before the request reached Apollo): a 'close' listener added then would wait for ever.
 */
export function answerWritten(res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => { finished(res, () => resolve()); });
}
