import type { DateTime } from 'luxon';
import { toIso } from './to-iso';
import type { Operation, OperationOutcome, OperationState, StepRecord, StepState } from './types';

/**
 * The life of an operation, as pure transitions:
 *
 *   requested ─approve→ approved ─start→ running ─succeed→ succeeded
 *       │                  │               ├─fail→ failed
 *       │                  │               └─cancel→ (cancelRequestedBy set) ─stop→ cancelled
 *       ├─deny→ denied     └─cancel→ cancelled
 *       ├─expire→ expired (only once now ≥ expiresAt)
 *       └─cancel→ cancelled
 *
 * Decisions:
 * - An approved operation does not expire: `expiresAt` bounds the wait for approval, and an
 *   approval binds to the plan's fingerprint, which the executor checks before it acts.
 * - Cancelling a running operation cannot stop an AWS job half-way: it records who asked
 *   (`cancelRequestedBy`) and the executor, at its next step boundary, sends `stop`.
 * - `start` on a running operation succeeds without change, so a redelivered job resumes.
 */
export type OperationEvent =
  | { type: 'approve'; by: string }
  | { type: 'deny'; by: string; reason?: string }
  | { type: 'expire' }
  | { type: 'start' }
  | { type: 'succeed'; outcome: OperationOutcome }
  | { type: 'fail'; error: string; outcome?: OperationOutcome }
  | { type: 'cancel'; by: string }
  | { type: 'stop'; outcome?: OperationOutcome };

export const TransitionRefusal = {
  InvalidTransition: 'invalid_transition',
  NotExpired: 'not_expired',
} as const;
export type TransitionRefusal = (typeof TransitionRefusal)[keyof typeof TransitionRefusal];

export type TransitionResult =
  { ok: true; op: Operation } | { ok: false; reason: TransitionRefusal; message: string };

/** Where each event may lead from each state; anything else is refused. */
const ALLOWED: Record<OperationEvent['type'], readonly OperationState[]> = {
  approve: ['requested'],
  deny: ['requested'],
  expire: ['requested'],
  start: ['approved', 'running'],
  succeed: ['running'],
  fail: ['running'],
  cancel: ['requested', 'approved', 'running'],
  stop: ['running'],
};

export function transition(op: Operation, event: OperationEvent, now: DateTime): TransitionResult {
  if (!ALLOWED[event.type].includes(op.state)) {
    return {
      ok: false,
      reason: TransitionRefusal.InvalidTransition,
      message: `${op.id} is ${op.state}; it cannot ${event.type}`,
    };
  }
  const at = toIso(now);
  switch (event.type) {
    case 'approve':
      return { ok: true, op: { ...op, state: 'approved', approvedAt: at } };
    case 'deny':
      return { ok: true, op: { ...op, state: 'denied', finishedAt: at } };
    case 'expire':
      if (now.toMillis() < Date.parse(op.expiresAt)) {
        return {
          ok: false,
          reason: TransitionRefusal.NotExpired,
          message: `${op.id} expires at ${op.expiresAt}, not yet`,
        };
      }
      return { ok: true, op: { ...op, state: 'expired', finishedAt: at } };
    case 'start':
      if (op.state === 'running') return { ok: true, op };
      return { ok: true, op: { ...op, state: 'running', startedAt: at } };
    case 'succeed':
      return {
        ok: true,
        op: { ...op, state: 'succeeded', finishedAt: at, outcome: event.outcome },
      };
    case 'fail':
      return {
        ok: true,
        op: {
          ...op,
          state: 'failed',
          finishedAt: at,
          error: event.error,
          ...(event.outcome ? { outcome: event.outcome } : {}),
        },
      };
    case 'cancel':
      if (op.state === 'running') {
        return { ok: true, op: { ...op, cancelRequestedBy: op.cancelRequestedBy ?? event.by } };
      }
      return {
        ok: true,
        op: { ...op, state: 'cancelled', finishedAt: at, cancelRequestedBy: event.by },
      };
    case 'stop':
      return {
        ok: true,
        op: {
          ...op,
          state: 'cancelled',
          finishedAt: at,
          ...(event.outcome ? { outcome: event.outcome } : {}),
        },
      };
  }
}

/** Marks a step running (adding it when new). A step already running keeps its start time. */
export function startStep(op: Operation, name: string, now: DateTime): Operation {
  const existing = op.steps.find((s) => s.name === name);
  if (existing?.state === 'running') return op;
  const step: StepRecord = { name, state: 'running', startedAt: toIso(now) };
  return { ...op, steps: upsert(op.steps, step) };
}

/** Ends a step in `state` (done, failed, skipped, …) with an optional detail for people. */
export function finishStep(
  op: Operation,
  name: string,
  state: StepState,
  detail: string | undefined,
  now: DateTime,
): Operation {
  const existing = op.steps.find((s) => s.name === name);
  const at = toIso(now);
  const step: StepRecord = {
    name,
    state,
    startedAt: existing?.startedAt ?? at,
    endedAt: at,
    ...(detail !== undefined ? { detail } : existing?.detail ? { detail: existing.detail } : {}),
  };
  return { ...op, steps: upsert(op.steps, step) };
}

function upsert(steps: StepRecord[], step: StepRecord): StepRecord[] {
  const index = steps.findIndex((s) => s.name === step.name);
  if (index < 0) return [...steps, step];
  return steps.map((s, i) => (i === index ? step : s));
}
