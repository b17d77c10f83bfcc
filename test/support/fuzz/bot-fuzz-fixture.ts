import { parse as parseYaml, stringify } from 'yaml';
import { castVote } from '../../../src/approval/cast-vote';
import { requestCancel } from '../../../src/approval/request-cancel';
import { requestOperation } from '../../../src/approval/request-operation';
import type { Config } from '../../../src/config/config';
import { sandboxYaml } from '../../approval/approval-harness';
import { botHarness, type BotHarness } from '../../bot/support/bot-harness';
import { eventually } from '../eventually';
import { configFrom } from '../harness';
import { postToSlackEndpoint, type SignedRequestOptions } from '../slack-signing';
import { unapprovedRuns, type ApprovalRule } from './approval-invariant';
import { startResponseSink } from './response-sink';
import { runJobs, type RunJobs } from './run-jobs';
import { slackReplyProblems } from './slack-reply-limits';

/**
 * Who sends a generated request. Outsiders are people of their own (one request each, so an
 * answer is matched to its request exactly); requesters and approvers come from pools of a
 * hundred listed by id (a configuration of thousands of ids would measure the lists, not the
 * bot), and they, the group members, the sandbox's users and the requester of the seeded
 * operations are matched to their answers by count, per person and channel.
 */
export const ROLES = [
  'requester',
  'approver',
  'both',
  'outsider',
  'group-requester',
  'group-approver',
  'seed-requester',
  'named',
] as const;
export type Role = (typeof ROLES)[number];

export const SEED_REQUESTER = 'U0SEEDREQ';
const GROUPS = [
  { id: 'S0ONCALL', handle: 'oncall', users: ['U0GRPREQ1', 'U0GRPREQ2'] },
  { id: 'S0APPROVERS', handle: 'dr-approvers', users: ['U0GRPAPP1', 'U0GRPAPP2'] },
];
const NAMED = ['U0ALICE', 'U0BOB', 'U0CAROL', 'U0DAVE'];

/** Channels: the DR channel, another one, a DM, one the bot cannot post in, none at all. */
export const CHANNELS = ['C0DRCHANNEL', 'C0OTHER', 'D0DIRECT', 'C0NOTIN', ''] as const;
export const TEAMS = ['T0TEAM', 'T0OTHER', ''] as const;

export interface Sender {
  role: Role;
  /** Picks among the shared senders of a role. */
  pick: number;
}

/** The user id of the `index`th request's sender. */
export function senderId(index: number, sender: Sender): string {
  switch (sender.role) {
    case 'group-requester':
      return GROUPS[0]?.users[sender.pick % 2] ?? '';
    case 'group-approver':
      return GROUPS[1]?.users[sender.pick % 2] ?? '';
    case 'seed-requester':
      return SEED_REQUESTER;
    case 'named':
      return NAMED[sender.pick % NAMED.length] ?? '';
    case 'requester':
    case 'approver':
    case 'both':
      return `U0${sender.role.slice(0, 3).toUpperCase()}${sender.pick % POOL}`;
    case 'outsider':
      return `U0F${index.toString(36).toUpperCase().padStart(4, '0')}`;
  }
}

const POOL = 100;

export const isShared = (role: Role) => role !== 'outsider';

export interface SentRequest {
  /** Its place in the batch sent. */
  index: number;
  userId: string;
  channelId: string;
  /** The key of its own response_url. */
  key: string;
  /** What the request was, for the report of one that went wrong. */
  what: string;
  status: number;
  body: string;
}

export interface BotFuzz {
  h: BotHarness;
  /** The seeded operations by their id: live in shop-prod and intranet-prod, denied, past its expiry. */
  operations(): { shop: string; intranet: string; denied: string; expiring: string };
  /** Requests shop-prod and intranet-prod again where their live operation has ended. */
  renewLive(): Promise<void>;
  responseUrl(key: string): string;
  /** Sends signed requests, `concurrency` at a time; a request unanswered in 30 s is a 0. */
  sendAll<T>(
    items: T[],
    concurrency: number,
    toRequest: (
      item: T,
      index: number,
    ) => {
      /** The key of its own response_url. */
      key: string;
      body: string;
      contentType: 'application/x-www-form-urlencoded' | 'application/json';
      options?: SignedRequestOptions;
      userId: string;
      channelId: string;
      what: string;
    },
  ): Promise<SentRequest[]>;
  /**
   * Waits until every request that was not answered in its acknowledgement has its answer (an
   * ephemeral to its sender in its channel, or a post to its response_url), and returns the
   * requests that have none, and every answer over Slack's limits.
   */
  unanswered(requests: SentRequest[]): Promise<{ missing: SentRequest[]; overLimits: string[] }>;
  /** Every operation past its request without the approvals the configuration demands. */
  unapproved(): Promise<{ problems: string[]; approved: number; operations: number }>;
  /** Errors the bot logged (a listener that threw, Bolt's own failures). */
  loggedErrors(): unknown[];
  close(): Promise<void>;
}

/**
 * The real bot (Bolt over signed HTTP, Redis, the emulator) with a configuration that names
 * every generated sender by role, user groups with members, a channel where ephemerals fail
 * (so answers go through response_url), and operations to vote on: two live (renewed when they
 * end), one denied, one past its expiry.
 */
export async function startBotFuzz(name: string, senders: Sender[]): Promise<BotFuzz> {
  const h = await botHarness(name);
  const sink = await startResponseSink();
  const jobs: RunJobs = runJobs(h.redisUrl, h.prefix);
  const ids = (roles: Role[]) => [
    ...new Set(senders.flatMap((s, i) => (roles.includes(s.role) ? [senderId(i, s)] : []))),
  ];
  const doc = parseYaml(sandboxYaml()) as Record<string, unknown>;
  doc.approval = {
    requesters: ['U0ALICE', 'U0BOB', '@oncall', SEED_REQUESTER, ...ids(['requester', 'both'])],
    approvers: ['U0BOB', 'U0CAROL', '@dr-approvers', ...ids(['approver', 'both'])],
    minApprovers: 1,
    expiresAfter: '30m',
  };
  const config: Config = configFrom(stringify(doc));
  h.configSource.replace(config);
  h.slack.setUserGroups(GROUPS);
  h.slack.failCalls({
    method: 'chat.postEphemeral',
    channel: 'C0NOTIN',
    error: 'channel_not_found',
  });
  const approverIds = new Set(config.approval.approvers);
  const groupApprovers = new Set(GROUPS[1]?.users);
  const rule: ApprovalRule = {
    isApprover: (userId) => approverIds.has(userId) || groupApprovers.has(userId),
    minApprovers: config.approval.minApprovers,
  };

  // Operations to vote on: denied, past its expiry, and two live.
  h.seedShopPoints(3_600_000);
  const request = async (environment: string) => {
    const result = await requestOperation(h.deps, {
      kind: 'failover',
      environment,
      requestedBy: SEED_REQUESTER,
      reason: 'seeded for the fuzz',
      planned: environment !== 'shop-prod',
    });
    if (!result.ok) throw new Error(`seeding ${environment}: ${result.message}`);
    return result.op.id;
  };
  const denied = await request('intranet-prod');
  const voted = await castVote(h.deps, {
    operationId: denied,
    userId: 'U0CAROL',
    decision: 'deny',
  });
  if (!voted.ok) throw new Error(`seeding the denial: ${voted.message}`);
  const expiring = await request('payments-prod');
  h.clock.advance({ minutes: 31 });
  const live = { shop: await request('shop-prod'), intranet: await request('intranet-prod') };
  /** The live request while it waits; else a fresh one, after cancelling one the fuzz made. */
  const renew = async (environment: string, current: string) => {
    if ((await h.deps.operations.get(current))?.state === 'requested') return current;
    const holder = await h.deps.locks.holder(environment);
    if (holder !== undefined) {
      await requestCancel(h.deps, { operationId: holder, userId: 'U0BOB' });
    }
    const result = await requestOperation(h.deps, {
      kind: 'failover',
      environment,
      requestedBy: SEED_REQUESTER,
      reason: 'seeded for the fuzz',
      planned: environment !== 'shop-prod',
    });
    return result.ok ? result.op.id : current;
  };

  const errors: unknown[] = [];
  const logger = h.deps.logger;
  const logError = logger.error.bind(logger);
  logger.error = ((...args: unknown[]) => {
    errors.push(args);
    (logError as (...a: unknown[]) => void)(...args);
  }) as typeof logger.error;

  const events = `${h.url}/slack/events`;
  return {
    h,
    operations: () => ({ ...live, denied, expiring }),
    async renewLive() {
      live.shop = await renew('shop-prod', live.shop);
      live.intranet = await renew('intranet-prod', live.intranet);
    },
    responseUrl: (key) => `${sink.url}/${key}`,
    async sendAll(items, concurrency, toRequest) {
      const sent: SentRequest[] = new Array(items.length);
      let next = 0;
      const lane = async () => {
        while (next < items.length) {
          const index = next++;
          const r = toRequest(items[index] as (typeof items)[number], index);
          let timer: NodeJS.Timeout | undefined;
          const answer = await Promise.race([
            postToSlackEndpoint(events, r.body, r.contentType, r.options),
            new Promise<{ status: number; text: string }>((resolve) => {
              timer = setTimeout(() => resolve({ status: 0, text: '' }), 30_000);
            }),
          ]).finally(() => clearTimeout(timer));
          sent[index] = {
            index,
            userId: r.userId,
            channelId: r.channelId,
            key: r.key,
            what: r.what,
            status: answer.status,
            body: answer.text,
          };
        }
      };
      await Promise.all(Array.from({ length: concurrency }, lane));
      return sent;
    },
    async unanswered(requests) {
      const overLimits: string[] = [];
      const waiting = requests.filter((r) => {
        if (r.status !== 200 || r.body === '') return r.status === 200;
        const reply = JSON.parse(r.body) as unknown;
        for (const p of slackReplyProblems(reply)) overLimits.push(`${r.what}: ${p}`);
        return false;
      });
      const answersTo = () => {
        const byUser = new Map<string, number>();
        for (const call of h.slack.callsTo('chat.postEphemeral')) {
          const key = `${String(call.args.user)} ${String(call.args.channel)}`;
          byUser.set(key, (byUser.get(key) ?? 0) + 1);
        }
        return byUser;
      };
      /** Requests still without an answer; shared senders are matched by count. */
      const missing = () => {
        const ephemerals = answersTo();
        const left: SentRequest[] = [];
        for (const r of waiting) {
          if (sink.posts(r.key).length > 0) continue;
          const key = `${r.userId} ${r.channelId}`;
          const n = ephemerals.get(key) ?? 0;
          if (n > 0) ephemerals.set(key, n - 1);
          else left.push(r);
        }
        return left;
      };
      // Polls the answers themselves; the timeout only bounds a failure, which is reported.
      const left = await eventually(() => (missing().length === 0 ? [] : undefined), {
        timeoutMs: 30_000,
        everyMs: 50,
        what: 'every answer',
      }).catch(() => missing());
      for (const call of h.slack.callsTo('chat.postEphemeral')) {
        for (const p of slackReplyProblems(call.args)) overLimits.push(`ephemeral: ${p}`);
      }
      for (const r of requests) {
        for (const post of sink.posts(r.key)) {
          for (const p of slackReplyProblems(post))
            overLimits.push(`${r.what} (response_url): ${p}`);
        }
      }
      return { missing: left, overLimits };
    },
    async unapproved() {
      const { problems, operations } = await unapprovedRuns({
        operations: h.deps.operations,
        jobs,
        rule,
      });
      return {
        problems,
        approved: operations.filter((op) => op.approvedAt !== undefined).length,
        operations: operations.length,
      };
    },
    loggedErrors: () => errors,
    async close() {
      logger.error = logError;
      await jobs.close();
      await sink.close();
      await h.close();
    },
  };
}
