import type { Heartbeat, WorkerHeartbeats } from '../../../src/store/worker-heartbeats';

const T0 = Date.parse('2026-03-01T12:00:00.000Z');

/** Sorted, so that the contract does not depend on the order a store returns. */
const sorted = (beats: Heartbeat[]) =>
  [...beats].sort((a, b) =>
    `${a.processId}|${a.worker}`.localeCompare(`${b.processId}|${b.worker}`),
  );

export function describeWorkerHeartbeatsContract(
  name: string,
  makeStore: () => WorkerHeartbeats,
): void {
  describe(`WorkerHeartbeats contract: ${name}`, () => {
    let beats: WorkerHeartbeats;
    beforeEach(() => {
      beats = makeStore();
    });

    it('knows no worker before any has beaten', async () => {
      expect(await beats.alive(T0)).toEqual([]);
    });

    it('lists each worker of a beat until the time it gives, and not from that time on', async () => {
      await beats.beat('host-a:1', ['operations', 'expiry'], T0 + 15_000);
      expect(sorted(await beats.alive(T0))).toEqual([
        { processId: 'host-a:1', worker: 'expiry', untilMs: T0 + 15_000 },
        { processId: 'host-a:1', worker: 'operations', untilMs: T0 + 15_000 },
      ]);
      expect(await beats.alive(T0 + 14_999)).toHaveLength(2);
      expect(await beats.alive(T0 + 15_000)).toEqual([]);
    });

    it('replaces a process’s earlier beat whole: its workers and its time', async () => {
      await beats.beat('host-a:1', ['operations', 'backups', 'monitor'], T0 + 15_000);
      await beats.beat('host-a:1', ['backups'], T0 + 20_000);
      expect(await beats.alive(T0)).toEqual([
        { processId: 'host-a:1', worker: 'backups', untilMs: T0 + 20_000 },
      ]);
    });

    it('keeps processes apart, and withdraws one at once', async () => {
      await beats.beat('host-a:1', ['operations'], T0 + 15_000);
      await beats.beat('host-b:7', ['operations'], T0 + 16_000);
      expect(sorted(await beats.alive(T0))).toEqual([
        { processId: 'host-a:1', worker: 'operations', untilMs: T0 + 15_000 },
        { processId: 'host-b:7', worker: 'operations', untilMs: T0 + 16_000 },
      ]);
      await beats.withdraw('host-a:1');
      expect(await beats.alive(T0)).toEqual([
        { processId: 'host-b:7', worker: 'operations', untilMs: T0 + 16_000 },
      ]);
      await beats.withdraw('host-never:0');
      expect(await beats.alive(T0)).toHaveLength(1);
    });

    it('refuses a process id that holds the separator', async () => {
      await expect(beats.beat('a|b', ['operations'], T0)).rejects.toThrow(/process id/);
    });
  });
}
