import { parseDurationMs } from '../../src/config/duration';
import { formatDurationMs } from '../../src/core/format-duration';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('parseDurationMs', () => {
  it.each<[string, number]>([
    ['30m', 30 * MINUTE],
    ['4h', 4 * HOUR],
    ['24h', 24 * HOUR],
    ['7d', 7 * 24 * HOUR],
    ['90s', 90_000],
    ['1.5h', 90 * MINUTE],
    [' 4h ', 4 * HOUR],
    ['PT4H', 4 * HOUR],
    ['PT30M', 30 * MINUTE],
    ['P1D', 24 * HOUR],
    ['PT1H30M', 90 * MINUTE],
  ])('%j → %d ms', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  it.each<[string | number]>([
    ['4 hours'],
    ['four hours'],
    ['4'],
    [''],
    ['0m'],
    ['PT0S'],
    ['-4h'],
    ['4H'],
    ['h'],
    [14_400],
  ])('rejects %j', (text) => {
    expect(parseDurationMs(text)).toBeUndefined();
  });
});

describe('formatDurationMs', () => {
  it.each<[number, string]>([
    [0, '0s'],
    [45_000, '45s'],
    [3 * HOUR + 20 * MINUTE, '3h 20m'],
    [4 * HOUR, '4h'],
    [52 * HOUR, '2d 4h'],
    [52 * HOUR + 5 * MINUTE, '2d 4h'],
    [-30 * MINUTE, '-30m'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDurationMs(ms)).toBe(text);
  });
});
