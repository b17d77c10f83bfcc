import { blockedDelayMs, MAX_BLOCKED_DELAY_MS } from '../../src/operations/aws-blocked';

describe('blockedDelayMs: how long a step that AWS does not answer waits before trying again', () => {
  it.each([
    [10_000, 0, 10_000],
    [10_000, 4_000, 10_000],
    [10_000, 15_000, 15_000],
    [10_000, 40_000, 40_000],
    [10_000, 10 * 60_000, MAX_BLOCKED_DELAY_MS],
    [120_000, 0, MAX_BLOCKED_DELAY_MS],
  ])('poll %i ms, waited %i ms: %i ms', (pollMs, waitedMs, expected) => {
    expect(blockedDelayMs(pollMs, waitedMs)).toBe(expected);
  });
});
