import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { REPLAY_CHECK_DOWN_TEXT, refuseReplays } from '../../src/bot/refuse-replays';
import { fakeClock } from '../../src/clock';
import { createLogger } from '../../src/logger';
import type { AuditLog } from '../../src/store/audit-log';
import { createMemoryAuditLog } from '../../src/store/memory/audit-log';
import { createMemoryOnceClaims } from '../../src/store/memory/once-claims';
import type { OnceClaims } from '../../src/store/once-claims';

const clock = fakeClock('2026-03-01T12:00:00.000Z');
const never = <T>() => new Promise<T>(() => undefined);
/** A replay check whose Redis does not answer. */
const unanswered: OnceClaims = { claim: () => never() };

/** What Bolt hands a middleware. */
type Args = Parameters<Middleware<AnyMiddlewareArgs>>[0];

interface Seen {
  next: number;
  acks: unknown[];
  responds: unknown[];
}

/** Bolt's middleware arguments for one signed request, with recording ack/respond/next. */
function request(kind: 'command' | 'click' | 'event', text = ''): { args: Args; seen: Seen } {
  const seen: Seen = { next: 0, acks: [], responds: [] };
  const common = {
    context: { requestSignature: `v0=${kind}-${text}` },
    next: async () => {
      seen.next += 1;
    },
    ack: async (answer?: unknown) => {
      seen.acks.push(answer);
    },
    respond: async (answer: unknown) => {
      seen.responds.push(answer);
    },
  };
  const args =
    kind === 'command'
      ? { ...common, command: { text, user_id: 'U0ALICE' }, body: { user_id: 'U0ALICE', text } }
      : kind === 'click'
        ? {
            ...common,
            action: { action_id: 'dr_approve', value: 'op-1' },
            body: { type: 'block_actions', user: { id: 'U0BOB' } },
          }
        : { ...common, event: { type: 'app_home_opened' }, body: { type: 'event_callback' } };
  return { args: args as unknown as Args, seen };
}

function guard(once: OnceClaims, audit: AuditLog = createMemoryAuditLog({ clock })) {
  return {
    audit,
    middleware: refuseReplays(
      { logger: createLogger('silent'), audit, clock, once },
      { checkMs: 20 },
    ),
  };
}

describe('refuseReplays while the replay check does not answer', () => {
  it.each(['failover shop-prod --reason "eu-west-1 is down"', 'approve op-1', 'backup shop-prod'])(
    'refuses the acting command /dr %s, with why and what to do, and audits it',
    async (text) => {
      const { middleware, audit } = guard(unanswered);
      const { args, seen } = request('command', text);
      await middleware(args);
      expect(seen.next).toBe(0);
      expect(seen.acks).toEqual([{ response_type: 'ephemeral', text: REPLAY_CHECK_DOWN_TEXT }]);
      expect(REPLAY_CHECK_DOWN_TEXT).toMatch(
        /cannot check this request against replays right now; nothing was done; try again in a minute/,
      );
      const entries = await audit.read();
      expect(entries).toEqual([
        expect.objectContaining({
          type: 'refusal',
          actor: 'U0ALICE',
          summary: expect.stringContaining('could not be checked against replays'),
        }),
      ]);
    },
  );

  it('refuses a click, answered through its response URL', async () => {
    const { middleware } = guard(unanswered);
    const { args, seen } = request('click');
    await middleware(args);
    expect(seen.next).toBe(0);
    expect(seen.acks).toEqual([undefined]);
    expect(seen.responds).toEqual([
      { response_type: 'ephemeral', replace_original: false, text: REPLAY_CHECK_DOWN_TEXT },
    ]);
  });

  it.each(['status', 'status shop-prod', 'history', 'help', 'no-such-verb'])(
    'lets /dr %s through: it changes nothing',
    async (text) => {
      const { middleware } = guard(unanswered);
      const { args, seen } = request('command', text);
      await middleware(args);
      expect(seen.next).toBe(1);
      expect(seen.acks).toEqual([]);
    },
  );

  it('lets events through', async () => {
    const { middleware } = guard(unanswered);
    const { args, seen } = request('event');
    await middleware(args);
    expect(seen.next).toBe(1);
  });

  it('still refuses, and does not wait on it, when the audit log does not answer either', async () => {
    const audit: AuditLog = { ...createMemoryAuditLog({ clock }), append: () => never() };
    const { middleware } = guard(unanswered, audit);
    const { args, seen } = request('command', 'failover shop-prod --reason "x"');
    await middleware(args);
    expect(seen.next).toBe(0);
    expect(seen.acks).toEqual([{ response_type: 'ephemeral', text: REPLAY_CHECK_DOWN_TEXT }]);
  });

  it('takes a fresh request and drops its replay when the check answers', async () => {
    const { middleware } = guard(createMemoryOnceClaims(clock));
    const first = request('command', 'failover shop-prod --reason "x"');
    await middleware(first.args);
    expect(first.seen.next).toBe(1);
    const again = request('command', 'failover shop-prod --reason "x"');
    await middleware(again.args);
    expect(again.seen.next).toBe(0);
  });
});
