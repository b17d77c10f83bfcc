/**
 * When a request nobody approved ends: one expiry per operation, at its `expiresAt`, handed to the
 * expiry worker then.
 *
 * Promised:
 * - `schedule` has the expiry worker called for the operation at `expiresAtMs` or later, as the
 *   scheduler's clock tells time (at once when that has passed). Scheduling an operation that has
 *   one already adds nothing.
 * - `cancel` withdraws the operation's expiry; cancelling one that is not there, or is running,
 *   is not an error (a running expiry finds the request decided and does nothing).
 *
 * Deliberately not promised:
 * - the exact moment: a busy or stopped worker runs it late, another machine's clock early, so
 *   the expiry decides from the operation's own `expiresAt` and waits again when early;
 * - exactly once: it may run twice, and expiring is idempotent.
 */
export interface ExpiryScheduler {
  schedule(operationId: string, expiresAtMs: number): Promise<void>;
  cancel(operationId: string): Promise<void>;
}
