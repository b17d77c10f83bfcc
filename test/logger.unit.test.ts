import { Writable } from 'node:stream';
import { createLogger } from '../src/logger';

/** A logger that writes its lines into an array. */
function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('debug', 'test', destination), lines };
}

/** What ioredis rejects a connection with when Redis refuses its password. */
function refusedConnection(password: string): Error {
  return Object.assign(new Error('WRONGPASS invalid username-password pair or user is disabled.'), {
    command: { name: 'hello', args: ['3', 'AUTH', 'default', password] },
  });
}

describe('createLogger', () => {
  it('keeps the password a Redis command carried out of a logged error, and the rest of it in', () => {
    const { logger, lines } = capture();
    logger.error({ err: refusedConnection('pw-123456') }, 'queue error');
    expect(lines.join('')).not.toContain('pw-123456');
    const logged = JSON.parse(lines[0] ?? '{}') as { err?: Record<string, unknown> };
    expect(logged.err).toMatchObject({
      type: 'Error',
      message: 'WRONGPASS invalid username-password pair or user is disabled.',
      command: { name: 'hello', args: ['[Redacted]'] },
    });
  });

  it('finds it in an aggregate error and in a nested field too', () => {
    const { logger, lines } = capture();
    const aggregate = new AggregateError([refusedConnection('pw-aggregate')], 'both refused');
    const wrapper = Object.assign(new Error('queue error'), {
      original: refusedConnection('pw-nested'),
      auth: { name: 'AUTH', args: ['pw-upper'] },
    });
    logger.error({ err: aggregate }, 'one');
    logger.error({ err: wrapper }, 'two');
    const text = lines.join('');
    for (const password of ['pw-aggregate', 'pw-nested', 'pw-upper'])
      expect(text).not.toContain(password);
  });

  it('leaves the arguments of other commands, which say what failed', () => {
    const { logger, lines } = capture();
    const error = Object.assign(new Error('WRONGTYPE'), {
      command: { name: 'hget', args: ['dr:op:op-1', 'state'] },
    });
    logger.error({ err: error }, 'read failed');
    expect(lines.join('')).toContain('"args":["dr:op:op-1","state"]');
  });

  it('redacts tokens and signing secrets by name', () => {
    const { logger, lines } = capture();
    logger.info({ token: 'xoxb-1', slack: { signingSecret: 's-1' } }, 'settings');
    expect(lines.join('')).not.toMatch(/xoxb-1|s-1/);
  });
});
