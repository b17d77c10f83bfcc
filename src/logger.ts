import pino, { type DestinationStream, type Logger } from 'pino';
import { serializeError } from './serialize-error';

export type { Logger };

/**
 * Structured logs (pino) on stdout (or `destination`). Never log tokens or secrets: the fields
 * that carry them by name are redacted, and errors lose what a Redis command sent with a password.
 */
export function createLogger(
  level = 'info',
  name = 'lifeboat',
  destination?: DestinationStream,
): Logger {
  const options = {
    name,
    level,
    redact: ['token', '*.token', 'signingSecret', '*.signingSecret'],
    serializers: { err: serializeError },
  };
  return destination ? pino(options, destination) : pino(options);
}
