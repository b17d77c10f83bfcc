import { readFileSync } from 'node:fs';
import { createAuthorizer, type GroupDirectory } from '../../src/approval/authorizer';
import { castVote } from '../../src/approval/cast-vote';
import { requestOperation } from '../../src/approval/request-operation';
import type { Operation, Vote } from '../../src/core/types';
import { operationMessage } from '../../src/slack/blocks/operation-message';
import { configFrom, SANDBOX_CONFIG_PATH, type Harness } from '../support/harness';
import { calls, HOUR_MS, seedCopiedPoints, waitForFinal } from './support/operation-fixtures';
import { operationHarness } from './support/operation-harness';

/**
 * The executor counts the approvals again before it touches AWS: an operation stored as approved
 * runs only if the configuration in force still lets enough distinct people other than the
 * requester approve it. Redis alone is not enough to make an operation run.
 */
describe('preflight counts the approvals again', () => {
  const { harness, start } = operationHarness('preflight-recount', { startWorkers: 'on start' });

  const SANDBOX = readFileSync(SANDBOX_CONFIG_PATH, 'utf8');
  /** The sandbox configuration with the approval lines changed, as a reload would bring it. */
  const reloadWith = (h: Harness, change: { approvers?: string; minApprovers?: number }) => {
    let yaml = SANDBOX;
    if (change.approvers) {
      yaml = yaml.replace('approvers: [U0BOB, U0CAROL, "@dr-approvers"]', change.approvers);
    }
    if (change.minApprovers !== undefined) {
      yaml = yaml.replace('minApprovers: 1', `minApprovers: ${change.minApprovers}`);
    }
    h.configSource.replace(configFrom(yaml));
  };

  async function requested(h: Harness): Promise<Operation> {
    await seedCopiedPoints(h, 'shop-prod', 'eu-central-1', HOUR_MS);
    const result = await requestOperation(h.deps, {
      kind: 'failover',
      environment: 'shop-prod',
      requestedBy: 'U0ALICE',
      reason: 'eu-west-1 is down',
    });
    if (!result.ok) throw new Error(result.message);
    return result.op;
  }

  /** Writes the operation into the store as approved with these votes, as anyone with Redis could. */
  async function forgeApproved(
    h: Harness,
    op: Operation,
    votes: Vote[],
    drop: (keyof Operation)[] = [],
  ): Promise<void> {
    await h.deps.operations.update(op.id, (current) => {
      const forged: Record<string, unknown> = {
        ...current,
        state: 'approved',
        approvedAt: h.deps.clock.now().toISO(),
        votes,
      };
      for (const key of drop) delete forged[key];
      return { op: forged as unknown as Operation };
    });
  }

  const approval = (userId: string): Vote => ({
    userId,
    decision: 'approve',
    at: '2026-01-01T00:00:00.000Z',
  });

  /** Runs the operation with the workers and returns it once it has ended. */
  async function run(h: Harness, op: Operation): Promise<Operation> {
    await start();
    await h.deps.runs.enqueue(op.id);
    return waitForFinal(h, op.id);
  }

  /** `why` names people as mentions; the audit log names them by id. */
  async function expectStoppedBeforeAws(h: Harness, ended: Operation, why: string) {
    expect(ended.state).toBe('failed');
    expect(ended.error).toContain(why);
    expect(ended.steps.find((s) => s.name === 'preflight')?.state).toBe('failed');
    const log = await calls(h);
    expect(log.filter((c) => c.operation === 'StartRestoreJob')).toEqual([]);
    expect(log.filter((c) => c.operation === 'StartBackupJob')).toEqual([]);
    expect(await h.deps.locks.holder('shop-prod')).toBeUndefined();
    const audit = await h.deps.audit.read({ operationId: ended.id, limit: 100 });
    const recount = audit.find((e) => e.type === 'approval.recount');
    expect(recount).toMatchObject({
      actor: 'lifeboat',
      summary: expect.stringContaining(why.replace(/<@(\w+)>/g, '$1')),
      detail: { ok: false },
    });
    // The final message says why.
    const message = operationMessage(ended, h.deps.clock.now(), 1);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('failed');
    expect(text).toContain(why);
  }

  it('does not run an operation stored as approved without a vote', async () => {
    const h = harness();
    const op = await requested(h);
    await forgeApproved(h, op, []);
    const ended = await run(h, op);
    await expectStoppedBeforeAws(h, ended, '0 of 1 approval');
  });

  it("does not count the requester's own approval", async () => {
    const h = harness();
    const op = await requested(h);
    await forgeApproved(h, op, [approval('U0ALICE'), approval('U0ALICE')]);
    const ended = await run(h, op);
    await expectStoppedBeforeAws(h, ended, '<@U0ALICE> requested it');
  });

  it('does not count an approver removed from approval.approvers by a reload', async () => {
    const h = harness();
    reloadWith(h, { approvers: 'approvers: [U0BOB, "@dr-approvers"]' });
    // Requested under the configuration in force, so the plan and its fingerprint hold.
    const op = await requested(h);
    await forgeApproved(h, op, [approval('U0CAROL')]);
    const ended = await run(h, op);
    await expectStoppedBeforeAws(h, ended, '<@U0CAROL> is not one of the approvers now');
  });

  it('does not count a group member who has left the group since the vote', async () => {
    const h = harness();
    const members = ['U0DAVE'];
    const directory: GroupDirectory = {
      members: async (handle) => (handle === '@dr-approvers' ? [...members] : []),
    };
    h.deps.authorizer = createAuthorizer(() => h.deps.config.current(), directory);
    const op = await requested(h);
    const vote = await castVote(h.deps, {
      operationId: op.id,
      userId: 'U0DAVE',
      decision: 'approve',
    });
    expect(vote).toMatchObject({ ok: true, effect: 'approved' });
    members.length = 0;
    const ended = await run(h, op);
    await expectStoppedBeforeAws(h, ended, '<@U0DAVE> is not one of the approvers now');
  });

  it('needs as many approvals as were required at request time, also from an older record', async () => {
    const h = harness();
    reloadWith(h, { minApprovers: 2 });
    const op = await requested(h);
    expect(op.requiredApprovals).toBe(2);
    // An older record, written before operations stored what they need: today's rule applies.
    await forgeApproved(h, op, [approval('U0BOB')], ['requiredApprovals']);
    const ended = await run(h, op);
    await expectStoppedBeforeAws(h, ended, '1 of 2 approvals');
  });

  it('runs an operation whose approvals still hold, a group member among them', async () => {
    const h = harness();
    const directory: GroupDirectory = {
      members: async (handle) => (handle === '@dr-approvers' ? ['U0DAVE'] : []),
    };
    h.deps.authorizer = createAuthorizer(() => h.deps.config.current(), directory);
    reloadWith(h, { minApprovers: 2 });
    const op = await requested(h);
    for (const userId of ['U0BOB', 'U0DAVE']) {
      expect(
        await castVote(h.deps, { operationId: op.id, userId, decision: 'approve' }),
      ).toMatchObject({ ok: true });
    }
    const ended = await run(h, op);
    expect(ended.state).toBe('succeeded');
    expect(ended.steps.find((s) => s.name === 'preflight')?.detail).toContain(
      '2 of 2 approvals: <@U0BOB> (approver by id), <@U0DAVE> (through @dr-approvers)',
    );
    const audit = await h.deps.audit.read({ operationId: op.id, limit: 200 });
    expect(audit.filter((e) => e.type === 'approval.recount')).toEqual([
      expect.objectContaining({ detail: expect.objectContaining({ ok: true, needed: 2 }) }),
    ]);
  });
});
