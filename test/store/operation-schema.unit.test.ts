import type { Operation } from '../../src/core/types';
import { operationSchema } from '../../src/store/operation-schema';
import { dummyPlan, requestedOp, SHOP_DB } from '../core/support/fixtures';

/** An operation with every field the code writes, as a drill that ran to its end leaves it. */
function everyField(): Operation {
  return requestedOp({
    kind: 'drill',
    state: 'succeeded',
    reason: 'quarterly drill',
    requiredApprovals: 2,
    votes: [
      {
        userId: 'U0BOB',
        decision: 'approve',
        at: '2026-01-01T00:01:00.000Z',
        reason: 'ok',
        principal: { type: 'user', id: 'U0BOB' },
      },
      {
        userId: 'U0CAROL',
        decision: 'approve',
        at: '2026-01-01T00:01:30.000Z',
        principal: { type: 'group', handle: '@dr-approvers', members: ['U0ALICE', 'U0CAROL'] },
      },
    ],
    plan: dummyPlan({
      kind: 'drill',
      planned: true,
      resources: [
        {
          resourceArn: SHOP_DB,
          resourceType: 'RDS',
          sourceArn: SHOP_DB,
          recoveryPointArn: 'arn:aws:backup:eu-central-1:111122223333:recovery-point:rp-1',
          recoveryPointCreatedAt: '2025-12-31T23:00:00.000Z',
          dataLossMs: 3_600_000,
        },
      ],
      dnsChanges: [{ name: 'shop.example.com', type: 'CNAME', ttl: 60, from: 'a', to: 'b' }],
      recoveryPointsUnknown: 'AccessDenied',
    }),
    slack: { channel: 'C0DR', ts: '1767225600.000100' },
    steps: [
      {
        name: 'restore',
        state: 'done',
        startedAt: '2026-01-01T00:02:00.000Z',
        endedAt: '2026-01-01T00:20:00.000Z',
        detail: 'restored 1 resource',
      },
    ],
    progress: {
      resources: {
        [SHOP_DB]: {
          recoveryPointArn: 'arn:aws:backup:eu-central-1:111122223333:recovery-point:rp-1',
          recoveryPointCreatedAt: '2025-12-31T23:00:00.000Z',
          backupJobId: 'b-1',
          backupState: 'COMPLETED',
          backupRecoveryPointArn: 'arn:aws:backup:eu-west-1:111122223333:recovery-point:rp-0',
          backupMessage: 'done',
          copyJobId: 'c-1',
          copyState: 'COMPLETED',
          copyMessage: 'done',
          restoreJobId: 'r-1',
          restoreState: 'COMPLETED',
          restoreMessage: 'done',
          restoredArn: 'arn:aws:rds:eu-central-1:111122223333:db:shop-drill',
          teardown: 'deleted',
        },
      },
      healthSince: '2026-01-01T00:20:00.000Z',
      healthyAt: '2026-01-01T00:21:00.000Z',
      dnsStartedAt: '2026-01-01T00:21:00.000Z',
      dnsChangeId: 'C1',
      dnsAlreadyInPlace: false,
      dnsInSyncAt: '2026-01-01T00:22:00.000Z',
      stopping: { state: 'failed', reason: 'health', at: '2026-01-01T00:23:00.000Z' },
      blocked: { step: 'dns', detail: 'throttled', since: '2026-01-01T00:21:30.000Z' },
    },
    approvedAt: '2026-01-01T00:01:00.000Z',
    startedAt: '2026-01-01T00:01:05.000Z',
    finishedAt: '2026-01-01T00:30:00.000Z',
    cancelRequestedBy: 'U0ALICE',
    outcome: {
      rtoMs: 1_260_000,
      dataLossMs: { [SHOP_DB]: 3_600_000 },
      worstDataLossMs: 3_600_000,
      message: 'RTO 21m',
    },
    error: 'none',
  });
}

describe('the stored shape of an operation', () => {
  it('accepts an operation with every field set, as JSON gives it back', () => {
    const op = JSON.parse(JSON.stringify(everyField())) as unknown;
    expect(operationSchema.safeParse(op).success).toBe(true);
  });

  it('accepts a request just made: no progress, no votes, no Slack message yet', () => {
    expect(operationSchema.safeParse(requestedOp()).success).toBe(true);
  });

  it('accepts an older record: no required approvals stored, votes without their principal', () => {
    const old = JSON.parse(
      JSON.stringify(
        requestedOp({
          state: 'approved',
          votes: [{ userId: 'U0BOB', decision: 'approve', at: '2026-01-01T00:01:00.000Z' }],
        }),
      ),
    ) as Record<string, unknown>;
    expect(old).not.toHaveProperty('requiredApprovals');
    const parsed = operationSchema.safeParse(old);
    expect(parsed.success).toBe(true);
    expect(parsed.data?.requiredApprovals).toBeUndefined();
  });

  it('refuses what the executor could not act on', () => {
    const op = everyField();
    const broken = [
      { ...op, plan: { ...op.plan, resources: 'shop' } },
      { ...op, steps: [{ name: 'dns', state: 'halfway' }] },
      { ...op, progress: { resources: { [SHOP_DB]: { restoreState: 'DONE' } } } },
      { ...op, progress: { stopping: { state: 'paused' } } },
      { ...op, votes: [{ userId: 'U0BOB', decision: 'maybe', at: op.requestedAt }] },
      { ...op, requiredApprovals: 0 },
      { ...op, requiredApprovals: '2' },
      {
        ...op,
        votes: [
          { userId: 'U0BOB', decision: 'approve', at: op.requestedAt, principal: { type: 'role' } },
        ],
      },
    ];
    for (const record of broken) expect(operationSchema.safeParse(record).success).toBe(false);
  });
});
