import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  QueueName,
  type BackupJobData,
  type DrillJobData,
  type ExpiryJobData,
  type OperationJobData,
} from './queue-names';
import type { ErrorSource } from './throttled-error-log';

export interface LifeboatQueues {
  operations: Queue<OperationJobData>;
  backups: Queue<BackupJobData>;
  monitor: Queue<Record<string, never>>;
  expiry: Queue<ExpiryJobData>;
  drills: Queue<DrillJobData>;
  close(): Promise<void>;
}

/** The producers' side of every queue, under `prefix`; their errors go to `onError`. */
export function createQueues(
  connection: Redis,
  prefix: string,
  onError: ErrorSource,
): LifeboatQueues {
  const options = { connection, prefix };
  const queues = {
    operations: new Queue<OperationJobData>(QueueName.Operations, options),
    backups: new Queue<BackupJobData>(QueueName.Backups, options),
    monitor: new Queue<Record<string, never>>(QueueName.Monitor, options),
    expiry: new Queue<ExpiryJobData>(QueueName.Expiry, options),
    drills: new Queue<DrillJobData>(QueueName.Drills, options),
  };
  for (const queue of Object.values(queues)) queue.on('error', onError(`queue ${queue.name}`));
  return {
    ...queues,
    async close() {
      await Promise.all(Object.values(queues).map((q) => q.close()));
    },
  };
}
