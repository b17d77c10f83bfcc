import {
  checkProcessId,
  type Heartbeat,
  type WorkerHeartbeats,
  type WorkerName,
} from '../worker-heartbeats';

/** Beats in memory: each process's last one, read against the time the caller gives. */
export function createMemoryWorkerHeartbeats(): WorkerHeartbeats {
  const beats = new Map<string, { workers: readonly WorkerName[]; untilMs: number }>();
  return {
    async beat(processId, workers, untilMs) {
      checkProcessId(processId);
      beats.set(processId, { workers: [...workers], untilMs });
    },
    async alive(nowMs) {
      const alive: Heartbeat[] = [];
      for (const [processId, { workers, untilMs }] of beats) {
        if (untilMs > nowMs)
          for (const worker of workers) alive.push({ processId, worker, untilMs });
      }
      return alive;
    },
    async withdraw(processId) {
      beats.delete(processId);
    },
  };
}
