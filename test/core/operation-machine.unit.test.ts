import { fakeClock } from '../../src/clock';
import {
  finishStep,
  startStep,
  transition,
  type OperationEvent,
} from '../../src/core/operation-machine';
import type { OperationState } from '../../src/core/types';
import { requestedOp, T0 } from './support/fixtures';

const EVENTS: Record<OperationEvent['type'], OperationEvent> = {
  approve: { type: 'approve', by: 'U0BOB' },
  deny: { type: 'deny', by: 'U0BOB', reason: 'not now' },
  expire: { type: 'expire' },
  start: { type: 'start' },
  succeed: { type: 'succeed', outcome: { rtoMs: 1000 } },
  fail: { type: 'fail', error: 'restore FAILED' },
  cancel: { type: 'cancel', by: 'U0ALICE' },
  stop: { type: 'stop' },
};

const STATES: OperationState[] = [
  'requested',
  'approved',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'denied',
  'expired',
];

// [from, event, to]; every pair not listed is refused.
const ALLOWED: [OperationState, OperationEvent['type'], OperationState][] = [
  ['requested', 'approve', 'approved'],
  ['requested', 'deny', 'denied'],
  ['requested', 'expire', 'expired'],
  ['requested', 'cancel', 'cancelled'],
  ['approved', 'start', 'running'],
  ['approved', 'cancel', 'cancelled'],
  ['running', 'start', 'running'],
  ['running', 'succeed', 'succeeded'],
  ['running', 'fail', 'failed'],
  ['running', 'cancel', 'running'],
  ['running', 'stop', 'cancelled'],
];

describe('transition', () => {
  const afterExpiry = T0.plus({ hours: 1 });

  describe.each(STATES)('from %s', (from) => {
    it.each(Object.keys(EVENTS) as OperationEvent['type'][])('%s', (eventType) => {
      const op = requestedOp({ state: from });
      const result = transition(op, EVENTS[eventType], afterExpiry);
      const rule = ALLOWED.find(([f, e]) => f === from && e === eventType);
      if (rule) {
        expect(result).toMatchObject({ ok: true, op: { state: rule[2] } });
      } else {
        expect(result).toMatchObject({ ok: false, reason: 'invalid_transition' });
      }
      expect(op.state).toBe(from); // never mutates
    });
  });

  it('refuses to expire a request before expiresAt, and expires it at expiresAt exactly', () => {
    const clock = fakeClock(T0);
    const op = requestedOp();
    clock.advance({ minutes: 29, seconds: 59 });
    expect(transition(op, { type: 'expire' }, clock.now())).toMatchObject({
      ok: false,
      reason: 'not_expired',
    });
    clock.advance({ seconds: 1 });
    expect(transition(op, { type: 'expire' }, clock.now())).toMatchObject({
      ok: true,
      op: { state: 'expired', finishedAt: '2026-01-01T00:30:00.000Z' },
    });
  });

  it('stamps approvedAt, startedAt and finishedAt, and keeps outcome and error', () => {
    const approved = transition(requestedOp(), EVENTS.approve, T0.plus({ minutes: 1 }));
    if (!approved.ok) throw new Error(approved.message);
    expect(approved.op.approvedAt).toBe('2026-01-01T00:01:00.000Z');
    const running = transition(approved.op, EVENTS.start, T0.plus({ minutes: 2 }));
    if (!running.ok) throw new Error(running.message);
    expect(running.op.startedAt).toBe('2026-01-01T00:02:00.000Z');
    const failed = transition(running.op, EVENTS.fail, T0.plus({ minutes: 3 }));
    expect(failed).toMatchObject({
      ok: true,
      op: { state: 'failed', error: 'restore FAILED', finishedAt: '2026-01-01T00:03:00.000Z' },
    });
    const succeeded = transition(running.op, EVENTS.succeed, T0.plus({ minutes: 3 }));
    expect(succeeded).toMatchObject({ ok: true, op: { outcome: { rtoMs: 1000 } } });
  });

  it('start on a running operation is a no-op, so a redelivered job resumes', () => {
    const running = requestedOp({ state: 'running', startedAt: T0.toISO() ?? '' });
    const again = transition(running, EVENTS.start, T0.plus({ hours: 1 }));
    expect(again).toEqual({ ok: true, op: running });
  });

  it('cancelling a running operation records the request; stop ends it', () => {
    const running = requestedOp({ state: 'running' });
    const asked = transition(running, { type: 'cancel', by: 'U0CAROL' }, T0);
    if (!asked.ok) throw new Error(asked.message);
    expect(asked.op).toMatchObject({ state: 'running', cancelRequestedBy: 'U0CAROL' });
    const askedAgain = transition(asked.op, { type: 'cancel', by: 'U0BOB' }, T0);
    expect(askedAgain).toMatchObject({ ok: true, op: { cancelRequestedBy: 'U0CAROL' } });
    const stopped = transition(asked.op, { type: 'stop' }, T0.plus({ minutes: 1 }));
    expect(stopped).toMatchObject({ ok: true, op: { state: 'cancelled' } });
  });

  it('says why a transition is refused', () => {
    const result = transition(requestedOp({ state: 'succeeded' }), EVENTS.cancel, T0);
    expect(result).toEqual({
      ok: false,
      reason: 'invalid_transition',
      message: 'op-1 is succeeded; it cannot cancel',
    });
  });
});

describe('steps', () => {
  it('starts, finishes and restarts steps without mutating the operation', () => {
    const op = requestedOp({ state: 'running' });
    const started = startStep(op, 'restore', T0);
    expect(op.steps).toEqual([]);
    expect(started.steps).toEqual([
      { name: 'restore', state: 'running', startedAt: '2026-01-01T00:00:00.000Z' },
    ]);
    expect(startStep(started, 'restore', T0.plus({ minutes: 5 }))).toBe(started);

    const done = finishStep(started, 'restore', 'done', '3 restored', T0.plus({ minutes: 7 }));
    expect(done.steps).toEqual([
      {
        name: 'restore',
        state: 'done',
        startedAt: '2026-01-01T00:00:00.000Z',
        endedAt: '2026-01-01T00:07:00.000Z',
        detail: '3 restored',
      },
    ]);
    expect(started.steps[0]?.state).toBe('running');
  });

  it('keeps the order of steps and adds a step finished without being started', () => {
    let op = requestedOp({ state: 'running' });
    op = startStep(op, 'final-backup', T0);
    op = startStep(op, 'copy', T0);
    op = finishStep(op, 'final-backup', 'done', undefined, T0.plus({ minutes: 1 }));
    op = finishStep(op, 'dns', 'skipped', 'drill', T0.plus({ minutes: 2 }));
    expect(op.steps.map((s) => [s.name, s.state])).toEqual([
      ['final-backup', 'done'],
      ['copy', 'running'],
      ['dns', 'skipped'],
    ]);
    expect(op.steps[2]).toMatchObject({ startedAt: '2026-01-01T00:02:00.000Z', detail: 'drill' });
  });
});
