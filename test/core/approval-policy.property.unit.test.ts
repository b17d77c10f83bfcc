import fc from 'fast-check';
import { DateTime } from 'luxon';
import { fakeClock } from '../../src/clock';
import { castVote, countApprovals, requiredApprovals } from '../../src/core/approval-policy';
import type { Operation } from '../../src/core/types';
import { dummyPlan } from './support/fixtures';
import {
  approvalEvents,
  approvalSettings,
  demanded,
  modelVote,
  newModel,
  REQUESTER,
  type ApprovalSettings,
} from '../support/fuzz/approval-events';

const SEED = 20_260_304;
// Thousands of generated cases take tens of seconds on a busy two-core machine; the suite's
// 60 s default is for one scenario.
jest.setTimeout(240_000);
const RUNS = 5_000;
const T0 = '2026-03-01T12:00:00.000Z';
const EXPIRES_AFTER_MINUTES = 30;

function requested(): Operation {
  return {
    id: 'op-prop1',
    kind: 'failover',
    environment: 'shop-prod',
    state: 'requested',
    requestedBy: REQUESTER,
    requestedAt: T0,
    reason: 'eu-west-1 is down',
    expiresAt: DateTime.fromISO(T0, { zone: 'utc' })
      .plus({ minutes: EXPIRES_AFTER_MINUTES })
      .toISO() as string,
    votes: [],
    plan: dummyPlan({ healthChecks: [], rtoDeadline: '2026-03-02T12:00:00.000Z' }),
    steps: [],
    progress: {},
  };
}

describe('the approval policy against a reference model', () => {
  it(`decides ${RUNS} generated sequences of votes, reloads and expiries as the model does`, () => {
    let runs = 0;
    const seen = { approved: 0, denied: 0, expired: 0, requested: 0 };
    fc.assert(
      fc.property(
        approvalSettings(fc.integer({ min: -1, max: 4 })),
        approvalEvents(fc.integer({ min: -1, max: 4 })),
        (initial, events) => {
          runs += 1;
          const clock = fakeClock(T0);
          let settings: ApprovalSettings = initial;
          let op = requested();
          const model = newModel();
          /** Who approved, and the settings in force when their approval was taken. */
          const takenUnder = new Map<string, ApprovalSettings>();

          for (const event of events) {
            if (event.type === 'reload') {
              settings = event.settings;
              continue;
            }
            if (event.type === 'advance') {
              clock.advance({ minutes: event.minutes });
              continue;
            }
            const now = clock.now();
            const result = castVote({
              op,
              userId: event.userId,
              decision: event.decision,
              now,
              // What the caller says: is this person an approver under the configuration in force?
              isAuthorizedApprover: settings.approvers.includes(event.userId),
              minApprovers: settings.minApprovers,
            });
            const expected = modelVote(model, {
              ...event,
              expired: now.toMillis() >= Date.parse(op.expiresAt),
              settings,
            });
            const got = result.ok
              ? { ok: true, effect: result.effect }
              : { ok: false, reason: result.reason };
            expect({ event, got }).toEqual({ event, got: expected });
            // The caller stores what the policy returns: a change, or the request expired.
            if (result.ok) op = result.op;
            else if (result.reason === 'expired' && result.op) op = result.op;
            if (result.ok && event.decision === 'approve') takenUnder.set(event.userId, settings);

            expect(op.state).toBe(model.state);
            if (result.ok && result.effect === 'approved') {
              // Never with fewer distinct approvers besides the requester than demanded, each
              // an approver when their approval was taken.
              const approvers = new Set(
                op.votes
                  .filter((v) => v.decision === 'approve' && v.userId !== REQUESTER)
                  .map((v) => v.userId),
              );
              expect(countApprovals(op)).toBe(approvers.size);
              expect(approvers.size).toBeGreaterThanOrEqual(demanded(settings));
              expect(approvers.size).toBeGreaterThanOrEqual(
                requiredApprovals(settings.minApprovers),
              );
              for (const userId of approvers) {
                expect(takenUnder.get(userId)?.approvers).toContain(userId);
              }
            }
          }
          seen[op.state as keyof typeof seen] += 1;
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    console.log(`approval policy: ${runs} sequences, ending`, seen);
    expect(runs).toBe(RUNS);
    // Every ending is reached, so the model is compared on all of them.
    for (const count of Object.values(seen)) expect(count).toBeGreaterThan(100);
  });
});
