import { closeWithDeadline } from './close-with-deadline';
import { asLifeboatError } from './errors';

/** What a process entry point has started. */
export interface RunningProcess {
  /** Stops taking work and waits for the work in hand (`signal` says why, for the log). */
  stop(signal: NodeJS.Signals): Promise<unknown>;
  /** Past the deadline: cut what is left short (say, drop Redis connections so jobs stall). */
  force?(): void;
}

/**
 * The life of an entry point (`npm start`, `npm run bot|worker|sandbox:aws`): starts it; a failure
 * to start is one line on stderr and exit code 1; the first SIGTERM or SIGINT stops it within
 * `deadlineMs`, exiting 0 when it stopped in time and 1 when it had to be cut short.
 */
export function runProcess(
  start: () => Promise<RunningProcess>,
  options: { deadlineMs: number },
): void {
  start().then(
    (running) => {
      let stopping = false;
      const stop = (signal: NodeJS.Signals) => {
        if (stopping) return;
        stopping = true;
        closeWithDeadline(
          () => running.stop(signal),
          options.deadlineMs,
          () => running.force?.(),
        ).then(
          (inTime) => process.exit(inTime ? 0 : 1),
          () => process.exit(1),
        );
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    },
    (error: unknown) => {
      process.stderr.write(`${asLifeboatError(error).message}\n`);
      process.exit(1);
    },
  );
}
