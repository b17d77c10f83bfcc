import { requestOperation } from '../../src/approval/request-operation';
import { expiryJobId } from '../../src/queue/expiry-job-id';
import { approvalHarness, SHOP_DB, type ApprovalHarness } from './approval-harness';

const HOUR = 3_600_000;

describe('requestOperation', () => {
  let h: ApprovalHarness;
  beforeEach(async () => {
    h = await approvalHarness('req');
  });
  afterEach(async () => {
    await h.close();
  });

  const failover = (overrides: Partial<Parameters<typeof requestOperation>[1]> = {}) =>
    requestOperation(h.deps, {
      kind: 'failover',
      environment: 'shop-prod',
      requestedBy: 'U0ALICE',
      reason: 'eu-west-1 is down',
      ...overrides,
    });

  it('plans a failover from the newest copied points, takes the lock, schedules expiry, audits and announces', async () => {
    h.seedShopPoints(2 * HOUR);
    const result = await failover();
    if (!result.ok) throw new Error(result.message);
    const { op } = result;
    expect(op.id).toMatch(/^op-[a-z0-9]{8}$/);
    expect(op).toMatchObject({
      state: 'requested',
      requestedBy: 'U0ALICE',
      reason: 'eu-west-1 is down',
    });
    expect(op.expiresAt).toBe('2026-03-01T12:30:00.000Z');
    expect(op.plan).toMatchObject({
      fromRegion: 'eu-west-1',
      toRegion: 'eu-central-1',
      planned: false,
    });
    const db = op.plan.resources.find((r) => r.resourceArn === SHOP_DB);
    expect(db?.dataLossMs).toBe(2 * HOUR);
    expect(op.plan.dnsChanges.map((d) => d.name)).toEqual([
      'shop.example.com',
      'api.shop.example.com',
    ]);

    expect(await h.deps.operations.get(op.id)).toEqual(op);
    expect(await h.deps.locks.holder('shop-prod')).toBe(op.id);
    const job = await h.infra.queues.expiry.getJob(expiryJobId(op.id));
    expect(job?.data).toEqual({ operationId: op.id });
    expect(job?.opts.delay).toBe(30 * 60_000);
    const [entry] = await h.deps.audit.read({ operationId: op.id });
    expect(entry).toMatchObject({ type: 'request', actor: 'U0ALICE', environment: 'shop-prod' });
    expect(await h.events()).toEqual([{ type: 'operation.updated', operationId: op.id }]);
  });

  it('refuses an outsider, and audits the refusal', async () => {
    const result = await failover({ requestedBy: 'U0MALLORY' });
    expect(result).toMatchObject({ ok: false, reason: 'not_authorized' });
    expect(await h.deps.locks.holder('shop-prod')).toBeUndefined();
    const [entry] = await h.deps.audit.read();
    expect(entry).toMatchObject({ type: 'refusal', actor: 'U0MALLORY' });
  });

  it('refuses an unknown environment, a missing reason and a region outside allowedRegions', async () => {
    expect(await failover({ environment: 'shop-test' })).toMatchObject({
      reason: 'unknown_environment',
      message: expect.stringContaining('shop-prod, payments-prod, intranet-prod'),
    });
    expect(await failover({ reason: '  ' })).toMatchObject({ reason: 'missing_reason' });
    expect(await failover({ reason: 'x'.repeat(501) })).toMatchObject({
      reason: 'reason_too_long',
      message: expect.stringContaining('at most 500 characters; this one has 501'),
    });
    expect(await failover({ toRegion: 'us-west-2' })).toMatchObject({
      reason: 'plan_refused',
      message: expect.stringContaining('not an allowed region'),
    });
    expect(await failover({ toRegion: 'eu-west-1' })).toMatchObject({
      message: expect.stringContaining('/dr failback'),
    });
    expect(
      await requestOperation(h.deps, {
        kind: 'failback',
        environment: 'shop-prod',
        requestedBy: 'U0ALICE',
        reason: 'x',
      }),
    ).toMatchObject({
      message: expect.stringContaining('nothing to fail back'),
    });
  });

  it('refuses an unplanned failover without recovery points, and says how to get them', async () => {
    const result = await failover();
    expect(result).toMatchObject({
      ok: false,
      reason: 'plan_refused',
      message: expect.stringContaining('/dr backup shop-prod'),
    });
    const planned = await failover({ planned: true });
    expect(planned.ok).toBe(true);
  });

  it('reports what AWS said when the points cannot be listed; a planned failover still goes ahead', async () => {
    h.emulator.control.setRegion('eu-central-1', { up: false });
    const unplanned = await failover();
    expect(unplanned).toMatchObject({
      ok: false,
      reason: 'recovery_points_unavailable',
      message: expect.stringContaining('add --planned'),
    });
    const planned = await failover({ planned: true });
    if (!planned.ok) throw new Error(planned.message);
    expect(planned.op.plan.recoveryPointsUnknown).toContain('shop-prod-dr');
  });

  it('allows one operation per environment, and takes over from an expired request', async () => {
    h.seedShopPoints(HOUR);
    const first = await failover();
    if (!first.ok) throw new Error(first.message);
    const second = await requestOperation(h.deps, {
      kind: 'drill',
      environment: 'shop-prod',
      requestedBy: 'U0BOB',
    });
    expect(second).toMatchObject({
      ok: false,
      reason: 'busy',
      message: expect.stringContaining(`/dr cancel ${first.op.id}`),
    });
    // Other environments are independent: refused for want of points, not for the lock.
    expect(
      await requestOperation(h.deps, {
        kind: 'drill',
        environment: 'payments-prod',
        requestedBy: 'U0BOB',
      }),
    ).toMatchObject({ reason: 'plan_refused' });

    h.clock.advance({ minutes: 31 });
    const third = await requestOperation(h.deps, {
      kind: 'drill',
      environment: 'shop-prod',
      requestedBy: 'U0BOB',
    });
    if (!third.ok) throw new Error(third.message);
    expect((await h.deps.operations.get(first.op.id))?.state).toBe('expired');
    expect(await h.deps.locks.holder('shop-prod')).toBe(third.op.id);
  });

  it('takes a scheduled drill from lifeboat itself', async () => {
    h.seedShopPoints(HOUR);
    const result = await requestOperation(h.deps, {
      kind: 'drill',
      environment: 'shop-prod',
      requestedBy: 'lifeboat',
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.op.plan).toMatchObject({
      kind: 'drill',
      toRegion: 'eu-central-1',
      dnsChanges: [],
    });
  });
});
