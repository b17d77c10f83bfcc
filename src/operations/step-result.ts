/** What a step's handler tells the executor. */
export type StepResult =
  /** The step is complete; `skipped` when there was nothing to do. */
  | { type: 'done'; detail: string; skipped?: boolean }
  /** AWS is still working: poll again after `pollMs`. */
  | { type: 'wait'; detail?: string }
  /** The operation cannot go on: tear down what was restored and end in `state`. */
  | { type: 'stop'; state: 'failed' | 'cancelled'; reason: string };

export const done = (detail: string, skipped = false): StepResult =>
  skipped ? { type: 'done', detail, skipped } : { type: 'done', detail };
export const wait = (detail?: string): StepResult =>
  detail === undefined ? { type: 'wait' } : { type: 'wait', detail };
export const fail = (reason: string): StepResult => ({ type: 'stop', state: 'failed', reason });
export const cancel = (reason: string): StepResult => ({
  type: 'stop',
  state: 'cancelled',
  reason,
});
