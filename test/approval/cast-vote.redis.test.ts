import { operationJobOptions } from '../../src/queue/operation-job-options';
import type { GroupDirectory } from '../../src/approval/authorizer';
import { createAuthorizer } from '../../src/approval/authorizer';
import { castVote } from '../../src/approval/cast-vote';
import { expiryJobId } from '../../src/queue/expiry-job-id';
import type { Config } from '../../src/config/config';
import type { Operation } from '../../src/core/types';
import type { OperationStore } from '../../src/store/operation-store';
import { approvalHarness, type ApprovalHarness } from './approval-harness';
import { requestShopOperation } from './request-shop-operation';

describe('castVote', () => {
  let h: ApprovalHarness;
  afterEach(async () => {
    await h.close();
  });

  async function requested(minApprovers = 1): Promise<Operation> {
    h = await approvalHarness('vote', { minApprovers });
    return requestShopOperation(h);
  }
  const vote = (op: Operation, userId: string, decision: 'approve' | 'deny' = 'approve') =>
    castVote(h.deps, { operationId: op.id, userId, decision });
  const runJobs = async () =>
    await h.infra.queues.operations.getJobs(['waiting', 'delayed', 'active', 'prioritized']);

  it('approves with one other approver and queues the run once', async () => {
    const op = await requested();
    const result = await vote(op, 'U0BOB');
    expect(result).toMatchObject({ ok: true, effect: 'approved' });
    const jobs = await runJobs();
    // Queued as the executor's reconciler would queue it: same id, retries and retention.
    const expected = operationJobOptions(op.id, h.deps.pollMs);
    expect(jobs.map((j) => [j.id, j.name, j.data, j.opts.attempts])).toEqual([
      [op.id, 'run', { operationId: op.id }, expected.attempts],
    ]);
    expect(await h.infra.queues.expiry.getJob(expiryJobId(op.id))).toBeUndefined();
    expect(await h.deps.locks.holder('shop-prod')).toBe(op.id);
    const [entry] = await h.deps.audit.read({ operationId: op.id });
    expect(entry).toMatchObject({ type: 'vote', actor: 'U0BOB' });
  });

  it('never counts the requester', async () => {
    const op = await requested();
    expect(await vote(op, 'U0ALICE')).toMatchObject({ ok: false, reason: 'self_approval' });
    expect((await h.deps.operations.get(op.id))?.votes).toEqual([]);
    expect(await runJobs()).toEqual([]);
  });

  it('refuses an outsider and audits it', async () => {
    const op = await requested();
    expect(await vote(op, 'U0MALLORY')).toMatchObject({
      ok: false,
      reason: 'not_authorized',
      message: expect.stringContaining('approval.approvers'),
    });
    const [entry] = await h.deps.audit.read({ operationId: op.id });
    expect(entry).toMatchObject({ type: 'refusal', actor: 'U0MALLORY' });
  });

  it('counts a double click once, and two approvers racing start it once', async () => {
    const op = await requested(2);
    const clicks = await Promise.all([vote(op, 'U0BOB'), vote(op, 'U0BOB'), vote(op, 'U0BOB')]);
    expect(clicks.filter((c) => c.ok)).toHaveLength(1);
    expect(clicks.filter((c) => !c.ok).map((c) => !c.ok && c.reason)).toEqual([
      'duplicate_vote',
      'duplicate_vote',
    ]);
    expect((await h.deps.operations.get(op.id))?.state).toBe('requested');

    const race = await Promise.all([vote(op, 'U0CAROL'), vote(op, 'U0CAROL'), vote(op, 'U0DAVE')]);
    // U0DAVE is no approver; U0CAROL's second click is a duplicate.
    expect(race.filter((r) => r.ok && r.effect === 'approved')).toHaveLength(1);
    const stored = await h.deps.operations.get(op.id);
    expect(stored?.state).toBe('approved');
    expect(stored?.votes.map((v) => v.userId).sort()).toEqual(['U0BOB', 'U0CAROL']);
    expect(await runJobs()).toHaveLength(1);
  });

  it('lets many approvers race: exactly one transition, one job', async () => {
    const op = await requested(1);
    const directory: GroupDirectory = {
      members: async () => Array.from({ length: 10 }, (_, i) => `U0APP${i}`),
    };
    const authorizer = createAuthorizer(() => h.deps.config.current(), directory);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        castVote(
          h.deps,
          { operationId: op.id, userId: `U0APP${i}`, decision: 'approve' },
          { authorizer },
        ),
      ),
    );
    expect(results.filter((r) => r.ok && r.effect === 'approved')).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === 'not_pending')).toBe(
      true,
    );
    expect(await runJobs()).toHaveLength(1);
  });

  it('ends the request on one denial, releasing the environment', async () => {
    const op = await requested();
    const result = await castVote(h.deps, {
      operationId: op.id,
      userId: 'U0CAROL',
      decision: 'deny',
      reason: 'not during the sale',
    });
    expect(result).toMatchObject({ ok: true, effect: 'denied' });
    expect((await h.deps.operations.get(op.id))?.state).toBe('denied');
    expect(await h.deps.locks.holder('shop-prod')).toBeUndefined();
    expect(await h.infra.queues.expiry.getJob(expiryJobId(op.id))).toBeUndefined();
    expect(await vote(op, 'U0BOB')).toMatchObject({ ok: false, reason: 'not_pending' });
    const [, denial] = await h.deps.audit.read({ operationId: op.id });
    expect(denial).toMatchObject({
      type: 'denial',
      actor: 'U0CAROL',
      summary: expect.stringContaining('not during the sale'),
    });
  });

  it('refuses a vote after expiresAt, expiring the request, even before the expiry job runs', async () => {
    const op = await requested();
    h.clock.advance({ minutes: 30 });
    expect(await vote(op, 'U0BOB')).toMatchObject({ ok: false, reason: 'expired' });
    expect((await h.deps.operations.get(op.id))?.state).toBe('expired');
    expect(await h.deps.locks.holder('shop-prod')).toBeUndefined();
    expect(await runJobs()).toEqual([]);
  });

  it('does not approve a plan that no longer matches the environment', async () => {
    const op = await requested();
    const state = await h.deps.environments.get('shop-prod');
    await h.deps.environments.put({
      ...state,
      activeRegion: 'eu-north-1',
      protectionRegion: 'eu-west-1',
    });
    const result = await vote(op, 'U0BOB');
    expect(result).toMatchObject({
      ok: false,
      reason: 'plan_changed',
      message: expect.stringContaining('now runs in eu-north-1'),
    });
    expect((await h.deps.operations.get(op.id))?.state).toBe('requested');
    expect(await runJobs()).toEqual([]);
  });

  it('refuses an unknown operation', async () => {
    await requested();
    expect(
      await castVote(h.deps, { operationId: 'op-nothere', userId: 'U0BOB', decision: 'approve' }),
    ).toMatchObject({
      ok: false,
      reason: 'not_found',
    });
  });

  describe('a configuration reloaded between the checks and the compare-and-set', () => {
    /** The configuration in force with these approval settings, under a version of its own. */
    const reloaded = (approval: Partial<Config['approval']>): Config => ({
      ...h.deps.config.current(),
      approval: { ...h.deps.config.current().approval, ...approval },
      version: `${h.deps.config.current().version}-reloaded`,
    });
    /** Swaps in `next` as the configuration just before the store's compare-and-set runs. */
    function reloadBeforeCompareAndSet(next: Config): void {
      const store = h.deps.operations;
      const hooked: OperationStore = {
        ...store,
        update: (id, change) => {
          h.configSource.replace(next);
          return store.update(id, change);
        },
      };
      h.deps.operations = hooked;
    }

    it('does not apply the vote of an approver the reload removed', async () => {
      const op = await requested();
      reloadBeforeCompareAndSet(reloaded({ approvers: ['U0BOB', '@dr-approvers'] }));
      const result = await vote(op, 'U0CAROL');
      expect(result).toMatchObject({
        ok: false,
        reason: 'config_changed',
        message: expect.stringContaining('vote again'),
      });
      const stored = await h.deps.operations.get(op.id);
      expect(stored?.state).toBe('requested');
      expect(stored?.votes).toEqual([]);
      expect(await runJobs()).toEqual([]);
      const refusal = (await h.deps.audit.read({ operationId: op.id })).find(
        (e) => e.type === 'refusal',
      );
      expect(refusal).toMatchObject({ actor: 'U0CAROL' });
    });

    it('does not let a lowered minApprovers approve with fewer votes than were checked for', async () => {
      const op = await requested(2);
      expect(op.requiredApprovals).toBe(2);
      reloadBeforeCompareAndSet(reloaded({ minApprovers: 1 }));
      const result = await vote(op, 'U0BOB');
      expect(result).toMatchObject({ ok: false, reason: 'config_changed' });
      expect((await h.deps.operations.get(op.id))?.state).toBe('requested');
      expect(await runJobs()).toEqual([]);
    });

    it('checks a vote cast again under the new configuration', async () => {
      const op = await requested();
      reloadBeforeCompareAndSet(reloaded({ approvers: ['U0BOB', '@dr-approvers'] }));
      expect(await vote(op, 'U0BOB')).toMatchObject({ ok: false, reason: 'config_changed' });
      // Voting again is checked under the configuration now in force, which the plan predates.
      expect(await vote(op, 'U0BOB')).toMatchObject({
        ok: false,
        reason: 'plan_changed',
        message: expect.stringContaining('request it again'),
      });
      expect(await runJobs()).toEqual([]);
    });
  });

  describe('why a vote counted', () => {
    it('stores the approver listed by id, and says so in the audit entry', async () => {
      const op = await requested();
      const result = await vote(op, 'U0BOB');
      expect(result).toMatchObject({ ok: true, effect: 'approved' });
      const stored = await h.deps.operations.get(op.id);
      expect(stored?.votes[0]?.principal).toEqual({ type: 'user', id: 'U0BOB' });
      const entry = (await h.deps.audit.read({ operationId: op.id })).find(
        (e) => e.type === 'vote',
      );
      expect(entry?.summary).toContain('U0BOB (approver by id)');
      expect(entry?.detail).toMatchObject({ principal: { type: 'user', id: 'U0BOB' } });
    });

    it('stores the group and its members at that moment for a member of an approver group', async () => {
      const op = await requested();
      const directory: GroupDirectory = {
        members: async (handle) => (handle === '@dr-approvers' ? ['U0ALICE', 'U0DAVE'] : []),
      };
      const result = await castVote(
        h.deps,
        { operationId: op.id, userId: 'U0DAVE', decision: 'approve' },
        { authorizer: createAuthorizer(() => h.deps.config.current(), directory) },
      );
      expect(result).toMatchObject({ ok: true, effect: 'approved' });
      const principal = {
        type: 'group',
        handle: '@dr-approvers',
        members: ['U0ALICE', 'U0DAVE'],
      };
      const stored = await h.deps.operations.get(op.id);
      expect(stored?.votes[0]?.principal).toEqual(principal);
      const entry = (await h.deps.audit.read({ operationId: op.id })).find(
        (e) => e.type === 'vote',
      );
      expect(entry?.summary).toContain('U0DAVE (through @dr-approvers: U0ALICE, U0DAVE)');
      expect(entry?.detail).toMatchObject({ principal });
    });
  });
});
