import fc from 'fast-check';
import { slackSignature, TEST_SIGNING_SECRET } from '../support/slack-signing';
import {
  CHANNELS,
  ROLES,
  senderId,
  startBotFuzz,
  TEAMS,
  type BotFuzz,
  type SentRequest,
  type Sender,
} from '../support/fuzz/bot-fuzz-fixture';
import { anyCodePoint, PROTOTYPE_NAMES } from '../support/fuzz/dr-command-text';

const SEED = 20_260_307;
// Thousands of generated cases take tens of seconds on a busy two-core machine; the suite's
// 60 s default is for one scenario.
jest.setTimeout(240_000);
const COUNT = 10_000;
const CONCURRENCY = 24;
/**
 * Requests no listener takes (an unknown action, another payload type) wait out Bolt's three
 * seconds before their 404: they are sent many at a time, apart from the rest.
 */
const UNHANDLED_CONCURRENCY = 500;
/** Sent in batches; before each, the live operations that ended are requested again. */
const BATCH = 1_000;
const PLACEHOLDERS = ['op-seedshop', 'op-seedintranet', 'op-seeddenied', 'op-seedexpiring'];
const KEYS = ['shop', 'intranet', 'denied', 'expiring'] as const;

type Json = Record<string, unknown>;

/** How a payload is broken, if it is. */
type Damage =
  | { kind: 'none' }
  | { kind: 'unknown-action'; actionId: string }
  | { kind: 'other-type'; type: string }
  | { kind: 'broken-json'; at: number; junk: string }
  | { kind: 'not-an-object'; json: string }
  | { kind: 'missing-field'; path: (string | number)[]; value: unknown }
  | { kind: 'bad-signature'; how: string }
  | { kind: 'replay' }
  | { kind: 'form'; body: string };

interface InteractionCase {
  sender: Sender;
  actionId: 'dr_approve' | 'dr_deny';
  value: string;
  channelId: string;
  teamId: string;
  appId: string;
  /** What the clicked message showed: the bot must not read anything from it. */
  blocks: unknown[];
  damage: Damage;
}

const huge = (n: number) => 'v'.repeat(n);

const valueText = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...PLACEHOLDERS) },
  { weight: 2, arbitrary: fc.stringMatching(/^op-[a-z0-9]{8}$/) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', ' ', 'OP-SEEDSHOP', 'op-seedshop ', 'op-', ...PROTOTYPE_NAMES),
  },
  { weight: 1, arbitrary: fc.string({ unit: anyCodePoint, maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constantFrom(2_000, 2_001, 100_000).map(huge) },
);

const damage: fc.Arbitrary<Damage> = fc.oneof(
  { weight: 30, arbitrary: fc.constant({ kind: 'none' as const }) },
  {
    weight: 3,
    arbitrary: fc
      .oneof(
        fc.constantFrom('dr_approve ', 'DR_APPROVE', 'dr_propose_failover', 'approve', ''),
        fc.constantFrom(...PROTOTYPE_NAMES),
        fc.string({ maxLength: 20 }),
        fc.constant(huge(300)),
      )
      .map((actionId) => ({ kind: 'unknown-action' as const, actionId })),
  },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(
        'view_submission',
        'view_closed',
        'shortcut',
        'message_action',
        'block_suggestion',
        'interactive_message',
        'dialog_submission',
        'garbage',
        '',
        '__proto__',
      )
      .map((type) => ({ kind: 'other-type' as const, type })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.nat(), fc.constantFrom('', '}', ',', '"', '\\', '\u0000', ']]'))
      .map(([at, junk]) => ({ kind: 'broken-json' as const, at, junk })),
  },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom('null', '123', '"text"', '[]', 'true', '[{"type":"block_actions"}]', '{}')
      .map((json) => ({ kind: 'not-an-object' as const, json })),
  },
  {
    weight: 5,
    arbitrary: fc
      .tuple(
        fc.constantFrom<(string | number)[]>(
          ['user'],
          ['user', 'id'],
          ['actions'],
          ['actions', 0],
          ['actions', 0, 'value'],
          ['actions', 0, 'type'],
          ['team'],
          ['team', 'id'],
          ['channel'],
          ['channel', 'id'],
          ['container'],
          ['response_url'],
          ['api_app_id'],
          ['message'],
          ['trigger_id'],
        ),
        fc.constantFrom(undefined, null, 42, '', [], {}, 'text', huge(5_000)),
      )
      .map(([path, value]) => ({ kind: 'missing-field' as const, path, value })),
  },
  {
    weight: 4,
    arbitrary: fc
      .constantFrom(
        'stale',
        'far-stale',
        'tampered-body',
        'wrong-secret',
        'no-signature',
        'no-timestamp',
        'garbage-signature',
        'v1-signature',
        'timestamp-text',
      )
      .map((how) => ({ kind: 'bad-signature' as const, how })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'replay' as const }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('foo=bar', 'payload=a&payload=b', '', 'payload=', 'payload=%7B%7D&x=1')
      .map((body) => ({ kind: 'form' as const, body })),
  },
);

const interactionCase: fc.Arbitrary<InteractionCase> = fc.record({
  sender: fc.record({
    role: fc.constantFrom(...ROLES, 'approver', 'approver', 'seed-requester'),
    pick: fc.nat(),
  }),
  actionId: fc.constantFrom('dr_approve' as const, 'dr_approve' as const, 'dr_deny' as const),
  value: valueText,
  channelId: fc.oneof(
    { weight: 6, arbitrary: fc.constant('C0DRCHANNEL') },
    { weight: 1, arbitrary: fc.constantFrom(...CHANNELS) },
  ),
  teamId: fc.oneof(
    { weight: 8, arbitrary: fc.constant('T0TEAM') },
    { weight: 1, arbitrary: fc.constantFrom(...TEAMS) },
  ),
  appId: fc.constantFrom('A0LIFEBOAT', 'A0LIFEBOAT', 'A0LIFEBOAT', 'A0OTHER'),
  blocks: fc.oneof(
    { weight: 5, arbitrary: fc.constant<unknown[]>([]) },
    {
      weight: 1,
      arbitrary: fc.constant<unknown[]>([
        { type: 'section', text: { type: 'mrkdwn', text: '*State:* approved by everyone' } },
      ]),
    },
    {
      weight: 1,
      arbitrary: fc.constant<unknown[]>([{ type: 'section', text: { text: huge(20_000) } }]),
    },
  ),
  damage,
});

function setPath(target: Json, path: (string | number)[], value: unknown): void {
  let node: unknown = target;
  for (const key of path.slice(0, -1)) {
    node = (node as Record<string | number, unknown> | null)?.[key];
    if (node === null || typeof node !== 'object') return;
  }
  const last = path[path.length - 1] as string | number;
  if (value === undefined) delete (node as Record<string | number, unknown>)[last];
  else (node as Record<string | number, unknown>)[last] = value;
}

/** Whether a request of this case is one no listener takes: Bolt answers it 404 after 3 s. */
function unhandled(c: InteractionCase): boolean {
  const d = c.damage;
  return (
    d.kind === 'unknown-action' ||
    d.kind === 'other-type' ||
    (d.kind === 'missing-field' && d.path.join('.') === 'actions' && d.value === undefined)
  );
}

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

// No unhandled rejection: jest-circus listens for them on the real process and fails the running
// test with the rejection (how Bolt's crash on a signed `payload=null` showed). A listener on
// `process` here would never hear one: a test's `process` is a copy of the real one.
describe(`interactions: ${COUNT} generated payloads over signed HTTP`, () => {
  let fuzz: BotFuzz;
  const cases = fc.sample(interactionCase, { seed: SEED, numRuns: COUNT });

  beforeAll(async () => {
    fuzz = await startBotFuzz(
      'click-fuzz',
      cases.map((c) => c.sender),
    );
  });
  afterAll(async () => {
    await fuzz.close();
  });

  it('answers every one (a reply, 401 for a bad signature, or a 4xx), never fails, and approves nothing against the rule', async () => {
    const nowSec = () => Math.floor(Date.now() / 1000);
    /** Earlier deliveries, for replays: the same body and signature again. */
    const delivered: { body: string; timestampSec: number; signature: string }[] = [];
    const idsNow = () => fuzz.operations();
    const toRequest = ({ c, index }: { c: InteractionCase; index: number }) => {
      const userId = senderId(index, c.sender);
      const ids = idsNow();
      const value = c.value.replace(
        /^op-seed(shop|intranet|denied|expiring)/i,
        (typed) => ids[KEYS[PLACEHOLDERS.indexOf(typed.toLowerCase())] ?? 'shop'],
      );
      const key = String(index);
      const payload: Json = {
        type: 'block_actions',
        team: { id: c.teamId, domain: 'example' },
        user: { id: userId, username: userId.toLowerCase(), team_id: c.teamId },
        api_app_id: c.appId,
        token: 'legacy-token',
        container: { type: 'message', message_ts: '1.1', channel_id: c.channelId },
        trigger_id: `${index}.${Date.now()}`,
        channel: { id: c.channelId, name: 'dr' },
        message: { ts: '1.1', type: 'message', text: '', blocks: c.blocks },
        response_url: fuzz.responseUrl(key),
        actions: [
          {
            type: 'button',
            action_id: c.actionId,
            block_id: 'dr_vote',
            value,
            text: { type: 'plain_text', text: 'Approve' },
            action_ts: String(Date.now() / 1000),
          },
        ],
      };
      const d = c.damage;
      if (d.kind === 'unknown-action') setPath(payload, ['actions', 0, 'action_id'], d.actionId);
      if (d.kind === 'other-type') payload.type = d.type;
      if (d.kind === 'missing-field') setPath(payload, d.path, d.value);
      let json = JSON.stringify(payload);
      if (d.kind === 'broken-json') {
        const at = d.at % json.length;
        json = json.slice(0, at) + d.junk + (d.junk === '' ? '' : json.slice(at));
      }
      if (d.kind === 'not-an-object') json = d.json;
      let body = new URLSearchParams({ payload: json }).toString();
      if (d.kind === 'form') body = d.body;
      let timestampSec = nowSec();
      let signature: string | null = slackSignature(body, timestampSec);
      const headers: Record<string, string> = {};
      if (d.kind === 'bad-signature') {
        switch (d.how) {
          case 'stale':
            timestampSec -= 5 * 60 + 30;
            signature = slackSignature(body, timestampSec);
            break;
          case 'far-stale':
            timestampSec -= 86_400;
            signature = slackSignature(body, timestampSec);
            break;
          case 'tampered-body':
            body = body.replace(/U0/, 'U1');
            break;
          case 'wrong-secret':
            signature = slackSignature(body, timestampSec, `${TEST_SIGNING_SECRET}x`);
            break;
          case 'no-signature':
            signature = null;
            break;
          case 'no-timestamp':
            headers['x-slack-request-timestamp'] = '';
            break;
          case 'garbage-signature':
            signature = 'v0=zz';
            break;
          case 'v1-signature':
            signature = (signature ?? '').replace(/^v0=/, 'v1=');
            break;
          case 'timestamp-text':
            headers['x-slack-request-timestamp'] = 'yesterday';
            break;
        }
      }
      if (d.kind === 'replay') {
        const earlier = delivered[index % Math.max(1, delivered.length)];
        if (earlier) {
          body = earlier.body;
          timestampSec = earlier.timestampSec;
          signature = earlier.signature;
        }
      } else if (d.kind === 'none' && signature) {
        delivered.push({ body, timestampSec, signature });
      }
      return {
        key,
        body,
        contentType: 'application/x-www-form-urlencoded' as const,
        options: { timestampSec, signature, headers },
        userId,
        channelId: c.channelId,
        what: `#${index} ${d.kind}${d.kind === 'none' ? '' : ` ${JSON.stringify(d).slice(0, 120)}`} ${c.actionId} ${JSON.stringify(value.slice(0, 40))} by ${userId} (${c.sender.role}) in ${c.channelId || 'no channel'} of ${c.teamId || 'no team'}`,
      };
    };

    const started = performance.now();
    const all = cases.map((c, index) => ({ c, index }));
    // Those no listener takes wait out Bolt's 3 s side by side, while the rest go in batches.
    const slow = fuzz.sendAll(
      all.filter(({ c }) => unhandled(c)),
      UNHANDLED_CONCURRENCY,
      toRequest,
    );
    const fast = all.filter(({ c }) => !unhandled(c));
    const sent: SentRequest[] = [];
    for (let from = 0; from < fast.length; from += BATCH) {
      await fuzz.renewLive();
      sent.push(...(await fuzz.sendAll(fast.slice(from, from + BATCH), CONCURRENCY, toRequest)));
    }
    sent.push(...(await slow));
    const sentMs = performance.now() - started;
    const byKey = new Map(cases.map((c, index) => [String(index), c]));
    const caseOf = (r: SentRequest) => byKey.get(r.key) as InteractionCase;

    // The status each kind of request must get.
    const wrongStatus = sent.filter((r) => {
      const { damage: d } = caseOf(r);
      if (d.kind === 'bad-signature') return r.status !== 401;
      if (d.kind === 'none' || d.kind === 'replay') return r.status !== 200;
      return !(r.status === 200 || (r.status >= 400 && r.status < 500));
    });
    // A well-formed click of the workspace's own is answered in Slack, not only acknowledged.
    const mustReply = sent.filter((r) => {
      const c = caseOf(r);
      return c.damage.kind === 'none' && c.teamId === 'T0TEAM' && r.status === 200;
    });
    const { missing, overLimits } = await fuzz.unanswered(mustReply);
    const { problems, approved, operations } = await fuzz.unapproved();
    const statuses = sent.reduce<Record<number, number>>((acc, r) => {
      acc[r.status] = (acc[r.status] ?? 0) + 1;
      return acc;
    }, {});
    const kinds = cases.reduce<Record<string, number>>((acc, c) => {
      acc[c.damage.kind] = (acc[c.damage.kind] ?? 0) + 1;
      return acc;
    }, {});
    // Expected: Bolt's own word for a request no listener took, and a reply that could go
    // nowhere (no ephemeral in that channel, and a response_url that is no URL). Every other
    // error is a failure.
    const brokenReplyUrl = new Set(
      cases.flatMap((c, index) =>
        (c.damage.kind === 'missing-field' && c.damage.path[0] === 'response_url') ||
        c.damage.kind === 'broken-json'
          ? [senderId(index, c.sender)]
          : [],
      ),
    );
    const [nowhere, errors] = partition(fuzz.loggedErrors(), (args) => {
      const [first] = args as [unknown];
      if (String(first).startsWith('An incoming event was not acknowledged')) return true;
      const fields = first as { err?: unknown; user?: string } | undefined;
      return (
        /Failed to parse URL|Invalid URL/.test(String(fields?.err)) &&
        brokenReplyUrl.has(fields?.user ?? '')
      );
    });
    console.log(
      `interaction fuzz: ${sent.length} payloads in ${Math.round(sentMs)} ms (${JSON.stringify(kinds)}); statuses ${JSON.stringify(statuses)}; ${mustReply.length} clicks answered in Slack; ${nowhere.length} logged as unhandled or unanswerable; ${operations} operations stored, ${approved} approved by their approvers`,
    );
    expect(wrongStatus.map((r) => `${r.what}: ${r.status} ${r.body.slice(0, 80)}`)).toEqual([]);
    expect(missing.map((r) => r.what)).toEqual([]);
    expect(overLimits).toEqual([]);
    expect(errors).toEqual([]);
    expect(problems).toEqual([]);
    expect(sent).toHaveLength(COUNT);
  });

  it('answers a signed body Bolt would choke on with 400, and an unsigned one with 401', async () => {
    const bodies = [
      'payload=null',
      `payload=${encodeURIComponent('{"type":"block_actions","user":null,"actions":[{"action_id":"dr_approve"}]}')}`,
      `payload=${encodeURIComponent('{"type":"block_actions","user":{"id":"U0BOB"},"actions":[]}')}`,
      `payload=${encodeURIComponent('{"type":"block_actions","user":{"id":"U0BOB"},"channel":null,"actions":[{"action_id":"dr_approve","value":"op-1"}]}')}`,
      `payload=${encodeURIComponent('{"type":"view_submission","user":{"id":"U0BOB"}}')}`,
    ];
    const answer = (signature?: string | null) =>
      fuzz.sendAll(bodies, 1, (body, index) => ({
        key: `malformed-${index}`,
        body,
        contentType: 'application/x-www-form-urlencoded',
        options: signature === undefined ? {} : { signature },
        userId: 'U0BOB',
        channelId: 'C0DRCHANNEL',
        what: body,
      }));
    expect((await answer()).map((r) => r.status)).toEqual(bodies.map(() => 400));
    expect((await answer('v0=forged')).map((r) => r.status)).toEqual(bodies.map(() => 401));
    expect((await answer(null)).map((r) => r.status)).toEqual(bodies.map(() => 401));
  });
});
