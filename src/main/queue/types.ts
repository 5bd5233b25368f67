// The queue's types live in src/shared so the window can use them too.
export type * from '../../shared/queue-types.js';
