import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../logger';
import { withTimeout } from '../slack/with-timeout';
import type { Timers } from '../timers';
import type { WorkerHeartbeats, WorkerName } from '../store/worker-heartbeats';

/** How often a worker process says it is alive; each beat lasts three of these. */
export const HEARTBEAT_EVERY_MS = 5_000;
const BEATS_OF_MARGIN = 3;
/** A stop does not wait longer than this for Redis to take the withdrawal. */
const STOP_MS = 1_000;

export interface RunningHeartbeat {
  /** This process's id in the heartbeats: `host:pid:random`. */
  processId: string;
  /** Resolves once the beat in flight, if any, has finished. */
  settled(): Promise<void>;
  /** No more beats; the last one is withdrawn, so /healthz sees the stop at once. */
  stop(): Promise<void>;
}

/**
 * A worker process's heartbeat: beats at once (start resolves after that first beat), then
 * every `everyMs`, each beat lasting three periods, so one lost beat is no alarm and a process
 * gone (killed, or cut off from Redis) drops out within 15 s. The next beat is armed when one
 * ends, so a Redis that is slow to answer never piles beats up. A failed beat is logged once
 * per failing streak.
 */
export async function startWorkerHeartbeat(input: {
  heartbeats: WorkerHeartbeats;
  timers: Timers;
  workers: readonly WorkerName[];
  logger: Logger;
  everyMs?: number;
  processId?: string;
}): Promise<RunningHeartbeat> {
  const { heartbeats, timers, workers, logger } = input;
  const everyMs = input.everyMs ?? HEARTBEAT_EVERY_MS;
  const processId =
    input.processId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  let stopped = false;
  let failing = false;
  let cancel: (() => void) | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const beat = async () => {
    const nowMs = timers.clock.now().toMillis();
    try {
      await heartbeats.beat(processId, workers, nowMs + BEATS_OF_MARGIN * everyMs);
      if (failing) logger.info({ processId }, 'worker heartbeat written again');
      failing = false;
    } catch (error) {
      if (!failing) logger.warn({ err: error, processId }, 'worker heartbeat not written');
      failing = true;
    }
  };
  const next = () => {
    if (stopped) return;
    cancel = timers.at(
      timers.clock.now().toMillis() + everyMs,
      () => {
        cancel = undefined;
        inFlight = beat().then(next);
      },
      { unref: true },
    );
  };

  inFlight = beat();
  await inFlight;
  next();
  return {
    processId,
    settled: () => inFlight,
    async stop() {
      stopped = true;
      cancel?.();
      cancel = undefined;
      await withTimeout(inFlight, STOP_MS).catch(() => undefined);
      await withTimeout(heartbeats.withdraw(processId), STOP_MS).catch((error: unknown) =>
        logger.warn({ err: error, processId }, 'worker heartbeat not withdrawn'),
      );
    },
  };
}
