import {
  renderEvent,
  showsRunningClock,
  unpostedNotice,
} from '../../../src/bot/notifier/render-event';
import { requestedOp } from '../../core/support/fixtures';

describe('renderEvent', () => {
  it('renders the request message again when the operation changed', () => {
    expect(renderEvent({ type: 'operation.updated', operationId: 'op-1' })).toEqual({
      kind: 'render',
      operationId: 'op-1',
    });
  });

  it("puts a step in the request message's thread, with its state's icon", () => {
    const step = (state: string) =>
      renderEvent({
        type: 'operation.step',
        operationId: 'op-1',
        step: 'restore',
        state,
        text: 'restoring',
      });
    expect(step('running')).toEqual({
      kind: 'thread',
      operationId: 'op-1',
      line: ':hourglass: restoring',
    });
    expect(step('succeeded')).toMatchObject({ line: ':large_green_circle: restoring' });
    expect(step('something new')).toMatchObject({ line: ':small_blue_diamond: restoring' });
  });

  it('posts alerts in the channel, and of backups only manual runs and scheduled failures', () => {
    const backup = (trigger: 'schedule' | 'manual', outcome: 'succeeded' | 'failed' | 'skipped') =>
      renderEvent({
        type: 'backup.finished',
        environment: 'shop-prod',
        trigger,
        outcome,
        copied: 3,
        failed: outcome === 'failed' ? 1 : 0,
        message: 'done',
      });
    expect(backup('schedule', 'succeeded')).toBeUndefined();
    expect(backup('schedule', 'skipped')).toBeUndefined();
    expect(backup('schedule', 'failed')).toMatchObject({ kind: 'channel' });
    expect(backup('manual', 'succeeded')).toMatchObject({ kind: 'channel' });
    expect(
      renderEvent({
        type: 'rpo.recovered',
        environment: 'shop-prod',
        exposureMs: 600_000,
        rpoTargetMs: 4 * 3_600_000,
      }),
    ).toEqual({
      kind: 'channel',
      line: ':large_green_circle: *shop-prod* holds its RPO again: 10m of 4h.',
    });
  });
});

describe('showsRunningClock', () => {
  it('is true of a posted operation that is approved or running', () => {
    const posted = { slack: { channel: 'C0DR', ts: '1.1' } };
    expect(showsRunningClock(requestedOp({ ...posted, state: 'running' }))).toBe(true);
    expect(showsRunningClock(requestedOp({ ...posted, state: 'approved' }))).toBe(true);
    expect(showsRunningClock(requestedOp({ ...posted, state: 'requested' }))).toBe(false);
    expect(showsRunningClock(requestedOp({ ...posted, state: 'succeeded' }))).toBe(false);
    expect(showsRunningClock(requestedOp({ state: 'running' }))).toBe(false);
  });
});

describe('unpostedNotice', () => {
  it('says what to do when the bot is not in the channel, and that /dr approve still works', () => {
    const text = unpostedNotice(requestedOp(), 'C0DR', 'not_in_channel');
    expect(text).toContain('*op-1* (failover of shop-prod) in <#C0DR>');
    expect(text).toContain('`not_in_channel`');
    expect(text).toContain('/invite @Lifeboat');
    expect(text).toContain('`/dr approve op-1`');
  });

  it("points at the bot's log for any other refusal", () => {
    expect(unpostedNotice(requestedOp(), 'C0DR', 'invalid_blocks')).toContain("see the bot's log");
  });
});
