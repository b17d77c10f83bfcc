import type { FakeClock } from '../../../src/clock';
import type { ExpiryScheduler } from '../../../src/ports/expiry-scheduler';

export interface ExpirySchedulerWorld {
  expiries: ExpiryScheduler;
  /** The scheduler's clock; the contract does not move it. */
  clock: FakeClock;
  /** Every expiry not yet run: when it is due (epoch ms, by the clock), by operation id. */
  pending(): Promise<Map<string, number>>;
  close(): Promise<void>;
}

const MINUTE_MS = 60_000;

export function describeExpirySchedulerContract(
  name: string,
  world: () => Promise<ExpirySchedulerWorld>,
): void {
  describe(`ExpiryScheduler contract: ${name}`, () => {
    let w: ExpirySchedulerWorld;
    let nowMs: number;
    beforeEach(async () => {
      w = await world();
      nowMs = w.clock.now().toMillis();
    });
    afterEach(() => w.close());

    it('schedules an expiry at expiresAt', async () => {
      await w.expiries.schedule('op-a', nowMs + 30 * MINUTE_MS);
      expect(await w.pending()).toEqual(new Map([['op-a', nowMs + 30 * MINUTE_MS]]));
    });

    it('schedules one expiry per operation: the first one stays', async () => {
      await w.expiries.schedule('op-a', nowMs + 30 * MINUTE_MS);
      await w.expiries.schedule('op-a', nowMs + 60 * MINUTE_MS);
      await w.expiries.schedule('op-b', nowMs + 5 * MINUTE_MS);
      expect(await w.pending()).toEqual(
        new Map([
          ['op-a', nowMs + 30 * MINUTE_MS],
          ['op-b', nowMs + 5 * MINUTE_MS],
        ]),
      );
    });

    it('makes an expiry whose time has passed due now', async () => {
      await w.expiries.schedule('op-late', nowMs - 5 * MINUTE_MS);
      expect(await w.pending()).toEqual(new Map([['op-late', nowMs]]));
    });

    it('cancels an expiry; cancelling a missing one is no error', async () => {
      await w.expiries.schedule('op-a', nowMs + 30 * MINUTE_MS);
      await w.expiries.schedule('op-b', nowMs + 30 * MINUTE_MS);
      await w.expiries.cancel('op-a');
      expect([...(await w.pending()).keys()]).toEqual(['op-b']);
      await expect(w.expiries.cancel('op-a')).resolves.toBeUndefined();
      await expect(w.expiries.cancel('op-never-scheduled')).resolves.toBeUndefined();
    });
  });
}
