import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { toIso } from '../core/to-iso';
import type { LifeboatDeps } from '../lifeboat-deps';
import type { AuditEntry } from '../store/audit-log';
import type { DrVerb } from '../slack/dr-grammar';
import { parseDrCommand } from '../slack/parse-dr-command';
import { withTimeout } from '../slack/with-timeout';

/** How long a request's signature is remembered: Slack's five-minute window, and some. */
const REMEMBER_MS = 600_000;
/**
 * Redis gets this long to say whether a signature is new; past it an acting request is refused.
 * With the audit's own wait below, the acknowledgement stays well inside Slack's three seconds.
 */
export const REPLAY_CHECK_MS = 1_000;
/** How long a refusal waits for the audit log before it lets the log catch up on its own. */
const AUDIT_MS = 500;

/** `/dr` verbs that only read: a replay of them is answered like the first delivery. */
const READ_ONLY: ReadonlySet<DrVerb> = new Set(['help', 'status', 'history']);

/** A command that changes nothing: one that only reads, or one the parser refuses. */
function onlyReads(text: string | undefined): boolean {
  const parsed = parseDrCommand(text ?? '');
  return !parsed.ok || READ_ONLY.has(parsed.command.verb);
}

export const REPLAY_TEXT =
  ':no_entry: This exact request was already received once; it was not applied again.';
export const REPLAY_CHECK_DOWN_TEXT =
  ':hourglass: Lifeboat cannot check this request against replays right now; nothing was done; try again in a minute.';

/**
 * Bolt refuses requests signed more than five minutes ago; within those five minutes a captured
 * request could be sent again. Each acting request's signature (it covers the timestamp and the
 * body) is claimed once (`deps.once`, in Redis: `SET NX`), and a second delivery is acknowledged
 * and dropped, with an audit entry; `/dr status`, `history`, `help`, a command the parser refuses
 * and events change nothing, and are answered again. Real retries by Slack are signed anew.
 *
 * It fails closed: when the claim does not answer within `checkMs` (Redis down, hanging or slow),
 * an acting request cannot be told from a replay, so it is acknowledged with why, audited if the
 * audit log answers, and goes no further; read-only requests still go through.
 */
export function refuseReplays(
  deps: Pick<LifeboatDeps, 'logger' | 'audit' | 'clock' | 'once'>,
  options: { checkMs?: number } = {},
): Middleware<AnyMiddlewareArgs> {
  const checkMs = options.checkMs ?? REPLAY_CHECK_MS;
  return async (args) => {
    const { context, next, body } = args;
    const signature = context.requestSignature;
    if (typeof signature !== 'string' || signature === '') return next();
    // Reading twice changes nothing: only requests that act are held to one delivery.
    if ('event' in args && args.event) return next();
    if ('command' in args && args.command && onlyReads(args.command.text)) {
      return next();
    }
    const verdict = await answerWithin(
      deps.once.claim(`slack:seen:${signature}`, REMEMBER_MS),
      checkMs,
    ).then(
      (fresh) => (fresh ? 'fresh' : 'replay'),
      (error: unknown) => {
        deps.logger.warn({ err: error }, 'the replay check did not answer; the request is refused');
        return 'unchecked' as const;
      },
    );
    if (verdict === 'fresh') return next();

    const text = verdict === 'replay' ? REPLAY_TEXT : REPLAY_CHECK_DOWN_TEXT;
    if ('command' in args && args.command) {
      await args.ack({ response_type: 'ephemeral', text });
    } else if ('ack' in args && args.ack) {
      await (args.ack as () => Promise<void>)();
      // A replay's first delivery was answered already; a refused click must say why.
      if (verdict === 'unchecked' && 'respond' in args && args.respond) {
        await args
          .respond({ response_type: 'ephemeral', replace_original: false, text })
          .catch(() => undefined);
      }
    }
    const userId =
      (body as { user_id?: string }).user_id ?? (body as { user?: { id?: string } }).user?.id;
    const type = (body as { type?: string }).type;
    const entry: AuditEntry = {
      type: 'refusal',
      actor: userId ?? 'unknown',
      at: toIso(deps.clock.now()),
      summary:
        verdict === 'replay'
          ? 'a replayed Slack request (same signature as one already received) was dropped'
          : 'a Slack request that acts could not be checked against replays (Redis did not answer in time) and was refused; nothing was done',
    };
    if (verdict === 'replay') {
      deps.logger.warn({ userId, type }, 'replayed Slack request dropped');
      await deps.audit.append(entry);
      return;
    }
    deps.logger.warn({ userId, type }, 'Slack request refused: the replay check did not answer');
    // Redis is what did not answer: the entry lands when it does, without holding this up.
    await withTimeout(deps.audit.append(entry), AUDIT_MS).catch((error: unknown) =>
      deps.logger.warn({ err: error, userId }, 'the refusal is not in the audit log yet'),
    );
  };
}

/**
 * `promise`, or a rejection once `ms` have passed without its answer. When the deadline falls due
 * the answer may already be waiting to be read (a busy event loop runs due timers before it reads
 * sockets): it gets that one turn of the loop, so a Redis that answered in time is not taken for
 * one that did not.
 */
function answerWithin<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      setImmediate(() => {
        if (!settled) reject(new Error(`no answer within ${ms} ms`));
      });
    }, ms);
    promise.then(
      (value) => {
        settled = true;
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        settled = true;
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
