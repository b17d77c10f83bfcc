/** What `ensureLive` found, and did. */
export type EnsureLiveOutcome =
  /** A run that will still run (waiting, delayed between polls, or being worked on): left alone. */
  | 'present'
  /** There was no run: one is queued. */
  | 'added'
  /** The run had failed (e.g. stalled more often than allowed): it is queued again. */
  | 'retried'
  /** The run had completed while the operation still had work to do: a new one is queued. */
  | 'replaced';

/**
 * The runs of approved operations (failover, failback, drill), handed to the operation workers.
 * An operation has at most one run, named by the operation's id.
 *
 * Promised:
 * - `enqueue` hands the operation's run to the workers. While that run is kept (queued, running,
 *   or ended not long ago), enqueueing again adds nothing: two approvals racing queue one run.
 * - `remove` withdraws a run that no worker has taken; one being worked on is left, and finds its
 *   operation ended. Removing a run that is not there is not an error.
 * - `ensureLive` makes sure a run will run: see EnsureLiveOutcome. Safe to call anywhere, any
 *   number of times (the reconciler does, every round).
 *
 * Deliberately not promised:
 * - exactly-once delivery: a run is delivered at least once, and again after a crash or a stall,
 *   so the work must resume from the operation's own progress;
 * - any order between the runs of different operations, or when a run starts;
 * - running anything: the workers wired in `jobs/` do that.
 */
export interface OperationRuns {
  enqueue(operationId: string): Promise<void>;
  remove(operationId: string): Promise<void>;
  ensureLive(operationId: string): Promise<EnsureLiveOutcome>;
}
