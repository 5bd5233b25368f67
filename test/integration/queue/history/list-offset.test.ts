// queue.list with an offset as a window reaches it: through dispatch(), against a core with a
// real SQLite file (queue-harness.ts; the keychain is the in-memory double, as it says why).
// Nothing is sent: auto-send is never started, so the plays stay queued.
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../src/main/api/dispatch.js';
import type { ListPage } from '../../../../src/main/queue/types.js';
import { ContractInputError } from '../../../../src/shared/contract.js';
import { queueHarness, type QueueHarness } from '../../../support/queue-harness.js';

let h: QueueHarness;
afterEach(async () => h?.close());

const list = (input: unknown) => dispatch(h.core, 'queue.list', input) as Promise<ListPage>;
const tracks = (page: ListPage) => page.items.map((r) => r.track);

async function refusal(input: unknown): Promise<string> {
  const error: unknown = await list(input).then(
    () => expect.fail('expected the call to be refused'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ContractInputError);
  return (error as Error).message;
}

describe('queue.list with an offset', () => {
  it('jumps to a row, with filters and text search, and the next page continues by cursor', async () => {
    h = await queueHarness();
    h.enqueuePlays(1500, 'Tune');
    // Tune 1 is the oldest; newest first, row 1000 is Tune 500.
    const jump = await list({ offset: 1000, limit: 3 });
    expect(tracks(jump)).toEqual(['Tune 500', 'Tune 499', 'Tune 498']);
    expect(jump.total).toBe(1500);
    const next = await list({ cursor: jump.nextCursor, limit: 2 });
    expect(tracks(next)).toEqual(['Tune 497', 'Tune 496']);

    const oldest = await list({ order: 'oldest', states: ['queued'], offset: 1498 });
    expect(tracks(oldest)).toEqual(['Tune 1499', 'Tune 1500']);
    expect(oldest.nextCursor).toBeNull();

    // "Tune 14" matches Tune 14, 140-149 and 1400-1499: 111 rows, oldest first.
    const text = await list({ text: 'tune 14', order: 'oldest', offset: 11, limit: 2 });
    expect(tracks(text)).toEqual(['Tune 1400', 'Tune 1401']);
    expect(text.total).toBe(111);

    const range = await list({ text: 'tune 14', from: 0, to: 4_000_000_000, offset: 110 });
    expect(tracks(range)).toEqual(['Tune 14']);

    const past = await list({ offset: 1500, states: ['queued'] });
    expect(past).toEqual({ items: [], nextCursor: null, total: 1500 });
  });

  it('refuses an offset with a cursor, a negative or fractional offset, and says why', async () => {
    h = await queueHarness();
    h.enqueuePlays(3);
    const { nextCursor } = await list({ limit: 1 });
    expect(await refusal({ offset: 1, cursor: nextCursor })).toBe(
      'Invalid input for queue.list: offset: give either offset (jump to a row) or cursor ' +
        '(the page after the last one), not both',
    );
    expect(await refusal({ offset: -1 })).toBe(
      'Invalid input for queue.list: offset: must be 0 or more (rows to skip from the start ' +
        'of the list)',
    );
    expect(await refusal({ offset: 2.5 })).toBe(
      'Invalid input for queue.list: offset: must be a whole number of rows to skip',
    );
    expect(await refusal({ offset: '10' })).toMatch(/^Invalid input for queue.list: offset: /);
  });
});
