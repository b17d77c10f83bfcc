import type { Infra } from '../src/create-infra';
import type { LifeboatDeps } from '../src/lifeboat-deps';
import { startBackupWorkers } from './start-backup-workers';
import { startExpiryWorker } from './start-expiry-worker';
import { startOperationWorkers } from './start-operation-workers';
import type { BackupWorkerOptions, OperationWorkerOptions } from './worker-options';

/** The workers of one side; a process runs every side unless told otherwise. */
export const JobSide = {
  /** Failover, failback and drill runs, the reconciler, the drill schedules. */
  Operations: 'operations',
  /** Scheduled and on-demand backup runs, the backup schedules, the RPO monitor. */
  Backups: 'backups',
  /** Request expiry. */
  Expiry: 'expiry',
} as const;
export type JobSide = (typeof JobSide)[keyof typeof JobSide];

export interface StartJobsOptions {
  /** The sides to start; default all (a test may start one alone). */
  sides?: readonly JobSide[];
  operations?: OperationWorkerOptions;
  backups?: BackupWorkerOptions;
}

export interface RunningJobs {
  /** Brings the backup and drill schedules in line with the configuration in force (after a reload). */
  reschedule(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Every job worker of one process, the mirror of `commands/index.ts`: operations (failover,
 * failback, drills) with their reconciler and drill schedules, scheduled backups and the RPO
 * monitor, request expiry. Any number of processes may call it against one Redis.
 */
export async function startJobs(
  deps: LifeboatDeps,
  infra: Infra,
  options: StartJobsOptions = {},
): Promise<RunningJobs> {
  const sides = new Set<JobSide>(options.sides ?? Object.values(JobSide));
  const operations = sides.has(JobSide.Operations)
    ? await startOperationWorkers(deps, infra, options.operations ?? {})
    : undefined;
  const backups = sides.has(JobSide.Backups)
    ? await startBackupWorkers(deps, infra, options.backups ?? {})
    : undefined;
  const expiry = sides.has(JobSide.Expiry) ? startExpiryWorker(deps, infra) : undefined;
  const started = [operations, backups, expiry].flatMap((side) => (side ? [side] : []));
  return {
    async reschedule() {
      await backups?.reschedule?.();
      await operations?.reschedule?.();
    },
    async close() {
      await Promise.all(started.map((side) => side.close()));
    },
  };
}
