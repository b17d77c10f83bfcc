import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured logs (pino) on stdout. Never log tokens or secrets. */
export function createLogger(level = 'info', name = 'lifeboat'): Logger {
  return pino({ name, level, redact: ['token', '*.token', 'signingSecret', '*.signingSecret'] });
}
