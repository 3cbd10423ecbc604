// An import's bulk work (parsing the body, reading and checking the file, the write transaction, the checkpoint) runs
// in worker threads so that the thread answering requests stays free. On a machine of two cores those threads still
// took its core: a request waited for the scheduler while the import's threads ran (event-loop gaps of 40–80 ms with
// 13–19 ms of the request thread's own CPU in them). Run at a lower priority, they yield the core whenever the request
// thread (or V8's garbage-collection helpers, which it waits for) has work, and use it fully otherwise.

/** The nice value of background threads (0 is the portal's own; 19 the lowest priority). */
export const BACKGROUND_NICE = 10;

/**
 * CommonJS source, run first in a worker thread: it lowers that thread's priority alone (Linux schedules threads one by
 * one: setpriority on the thread's own id). Elsewhere, or when refused, the thread keeps the portal's priority.
 */
export const BACKGROUND_PRIORITY_JS =
  `try { require('node:os').setPriority(Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop()), ${BACKGROUND_NICE}); } catch {}\n`;
