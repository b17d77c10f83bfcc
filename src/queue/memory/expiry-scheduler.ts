import type { Clock } from '../../clock';
import type { ExpiryScheduler } from '../../ports/expiry-scheduler';

/** ExpiryScheduler in memory, and what the expiry worker would take from it. */
export interface MemoryExpiryScheduler extends ExpiryScheduler {
  /** Every expiry not yet taken: when it is due (epoch ms), by operation id. */
  scheduled(): ReadonlyMap<string, number>;
  /** The expiries due by the clock now, taken (as a worker takes them), soonest first. */
  takeDue(): string[];
}

export function createMemoryExpiryScheduler(clock: Clock): MemoryExpiryScheduler {
  const due = new Map<string, number>();
  return {
    async schedule(operationId, expiresAtMs) {
      if (!due.has(operationId)) {
        due.set(operationId, Math.max(clock.now().toMillis(), expiresAtMs));
      }
    },
    async cancel(operationId) {
      due.delete(operationId);
    },
    scheduled: () => due,
    takeDue() {
      const nowMs = clock.now().toMillis();
      const taken = [...due]
        .filter(([, atMs]) => atMs <= nowMs)
        .sort(([, a], [, b]) => a - b)
        .map(([operationId]) => operationId);
      for (const operationId of taken) due.delete(operationId);
      return taken;
    },
  };
}
