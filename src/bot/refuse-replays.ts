import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Redis } from 'ioredis';
import { toIso } from '../core/to-iso';
import type { LifeboatDeps } from '../lifeboat-deps';
import type { RedisKeys } from '../redis/redis-keys';
import type { DrVerb } from '../slack/dr-grammar';
import { parseDrCommand } from '../slack/parse-dr-command';
import { withTimeout } from '../slack/with-timeout';

/** How long a request's signature is remembered: Slack's five-minute window, and some. */
const REMEMBER_S = 600;
/** Redis gets this long to say whether a signature is new; past it the request goes through. */
const CHECK_MS = 1_000;

/** `/dr` verbs that only read: a replay of them is answered like the first delivery. */
const READ_ONLY: ReadonlySet<DrVerb> = new Set(['help', 'status', 'history']);

/** A command that changes nothing: one that only reads, or one the parser refuses. */
function onlyReads(text: string | undefined): boolean {
  const parsed = parseDrCommand(text ?? '');
  return !parsed.ok || READ_ONLY.has(parsed.command.verb);
}

export const REPLAY_TEXT =
  ':no_entry: This exact request was already received once; it was not applied again.';

/**
 * Bolt refuses requests signed more than five minutes ago; within those five minutes a captured
 * request could be sent again. Each acting request's signature (it covers the timestamp and the
 * body) is remembered, and a second delivery is acknowledged and dropped, with an audit entry;
 * `/dr status`, `history`, `help`, a command the parser refuses and events change nothing, and
 * are answered again. Real retries
 * by Slack are signed anew. If Redis does not answer at once the request goes through
 * rather than miss Slack's three-second deadline: the handlers count one vote per person anyway.
 */
export function refuseReplays(
  deps: Pick<LifeboatDeps, 'logger' | 'audit' | 'clock'>,
  redis: Redis,
  keys: RedisKeys,
): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { context, next, body } = args;
    const signature = context.requestSignature;
    if (typeof signature !== 'string' || signature === '') return next();
    // Reading twice changes nothing: only requests that act are held to one delivery.
    if ('event' in args && args.event) return next();
    if ('command' in args && args.command && onlyReads(args.command.text)) {
      return next();
    }
    const key = keys.custom(`slack:seen:${signature}`);
    const fresh = await withTimeout(redis.set(key, '1', 'EX', REMEMBER_S, 'NX'), CHECK_MS).then(
      (answer) => answer === 'OK',
      () => true,
    );
    if (fresh) return next();

    if ('command' in args && args.command) {
      await args.ack({ response_type: 'ephemeral', text: REPLAY_TEXT });
    } else if ('ack' in args && args.ack) {
      await (args.ack as () => Promise<void>)();
    }
    const userId =
      (body as { user_id?: string }).user_id ?? (body as { user?: { id?: string } }).user?.id;
    deps.logger.warn(
      { userId, type: (body as { type?: string }).type },
      'replayed Slack request dropped',
    );
    await deps.audit.append({
      type: 'refusal',
      actor: userId ?? 'unknown',
      at: toIso(deps.clock.now()),
      summary: 'a replayed Slack request (same signature as one already received) was dropped',
    });
  };
}
