/** Where a crash test may stop a worker: a step boundary, right after an AWS call, or a poll. */
export const CheckpointPhase = {
  /** The step is recorded as running. */
  Begin: 'begin',
  /** An AWS Start* or DNS change returned, and its id is not saved yet. */
  Called: 'called',
  /** The ids of the calls are saved in the operation. */
  Saved: 'saved',
  /** The step waits for AWS and the job is about to be delayed. */
  Poll: 'poll',
  /** Every side effect of the end is done except the operation's final state. */
  Finalizing: 'finalizing',
  /** The step is recorded as done. */
  End: 'end',
} as const;
export type CheckpointPhase = (typeof CheckpointPhase)[keyof typeof CheckpointPhase];

export interface ExecutorOptions {
  /**
   * How long a Start* idempotency token is trusted after its step started. AWS keeps tokens for
   * about an hour; past this age a job without a saved id is first looked for by listing.
   */
  tokenTrustMs: number;
  /** How long the target region's health checks may stay unhealthy before the operation fails. */
  healthTimeoutMs: number;
  /** Called at every checkpoint; crash tests stop the process here. */
  checkpoint?: (step: string, phase: CheckpointPhase) => void | Promise<void>;
}

export const DEFAULT_EXECUTOR_OPTIONS = {
  tokenTrustMs: 50 * 60_000,
  healthTimeoutMs: 10 * 60_000,
} as const satisfies ExecutorOptions;
