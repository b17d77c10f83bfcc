import pino from 'pino';
import { throttledErrorLog } from '../../src/queue/throttled-error-log';

describe('throttledErrorLog', () => {
  it('logs each error of each source once per interval, then how many it left out', () => {
    const lines: { source: string; repeated?: number; err: { message: string } }[] = [];
    const logger = pino(
      { level: 'error' },
      { write: (line: string) => lines.push(JSON.parse(line)) },
    );
    let now = 0;
    const log = throttledErrorLog(logger, { everyMs: 1000, nowMs: () => now });
    const refused = new Error('connect ECONNREFUSED 127.0.0.1:6379');

    for (let i = 0; i < 50; i += 1) log('queue operations')(refused);
    log('queue backups')(refused);
    log('queue operations')(new Error('READONLY'));
    expect(lines.map((l) => [l.source, l.err.message])).toEqual([
      ['queue operations', refused.message],
      ['queue backups', refused.message],
      ['queue operations', 'READONLY'],
    ]);

    now = 1000;
    log('queue operations')(refused);
    expect(lines).toHaveLength(4);
    expect(lines[3]?.repeated).toBe(49);
  });
});
