import fc from 'fast-check';

/** Who takes part: the requester, four people who may or may not be approvers, an outsider. */
export const REQUESTER = 'U0REQ';
export const PEOPLE = [REQUESTER, 'U0APP1', 'U0APP2', 'U0APP3', 'U0APP4', 'U0OUT'] as const;
export type Person = (typeof PEOPLE)[number];

/** The approval settings of one version of the configuration. */
export interface ApprovalSettings {
  approvers: string[];
  minApprovers: number;
}

export type ApprovalEvent =
  | { type: 'vote'; userId: Person; decision: 'approve' | 'deny' }
  | { type: 'reload'; settings: ApprovalSettings }
  | { type: 'advance'; minutes: number };

/** Approvers added and removed (the requester and the outsider among them sometimes), minApprovers raised and lowered. */
export const approvalSettings = (minApprovers: fc.Arbitrary<number>) =>
  fc.record({
    approvers: fc.subarray([...PEOPLE], { minLength: 1 }),
    minApprovers,
  });

export const vote = fc.record({
  type: fc.constant('vote' as const),
  userId: fc.constantFrom(...PEOPLE),
  decision: fc.constantFrom('approve' as const, 'approve' as const, 'deny' as const),
});

/** Sequences of votes (repeats included), reloads and the clock moving on past expiry. */
export function approvalEvents(
  minApprovers: fc.Arbitrary<number>,
  options: { maxLength?: number } = {},
): fc.Arbitrary<ApprovalEvent[]> {
  return fc.array(
    fc.oneof(
      { weight: 6, arbitrary: vote },
      {
        weight: 2,
        arbitrary: approvalSettings(minApprovers).map((settings) => ({
          type: 'reload' as const,
          settings,
        })),
      },
      {
        weight: 1,
        // Small steps, and steps onto either side of a 30-minute expiry.
        arbitrary: fc
          .oneof(fc.integer({ min: 0, max: 20 }), fc.constantFrom(29, 30, 31))
          .map((minutes) => ({
            type: 'advance' as const,
            minutes,
          })),
      },
    ),
    { maxLength: options.maxLength ?? 14 },
  );
}

/** How many approvers besides the requester the settings demand. */
export const demanded = (settings: ApprovalSettings) => Math.max(1, settings.minApprovers);

/**
 * The two-person rule as the contract states it, for one vote on a requested operation:
 * the requester's approval never counts, one person counts once, a denial by an approver (or
 * the requester's own) ends it, a request past its expiry is expired, and it is approved once
 * the distinct approvers besides the requester reach what the settings demand.
 */
export interface ApprovalModel {
  state: 'requested' | 'approved' | 'denied' | 'expired';
  /** Everyone who voted, and how. */
  voters: Map<string, 'approve' | 'deny'>;
  /** Approvers besides the requester whose approval was taken. */
  approvedBy: Set<string>;
}

export type ModelOutcome =
  | { ok: true; effect: 'recorded' | 'approved' | 'denied' }
  | {
      ok: false;
      reason: 'expired' | 'not_pending' | 'self_approval' | 'duplicate_vote' | 'not_authorized';
    };

export function newModel(): ApprovalModel {
  return { state: 'requested', voters: new Map(), approvedBy: new Set() };
}

export function modelVote(
  model: ApprovalModel,
  input: {
    userId: string;
    decision: 'approve' | 'deny';
    expired: boolean;
    settings: ApprovalSettings;
  },
): ModelOutcome {
  const { userId, decision, settings } = input;
  if (model.state === 'expired') return { ok: false, reason: 'expired' };
  if (model.state !== 'requested') return { ok: false, reason: 'not_pending' };
  if (input.expired) {
    model.state = 'expired';
    return { ok: false, reason: 'expired' };
  }
  const isRequester = userId === REQUESTER;
  if (isRequester && decision === 'approve') return { ok: false, reason: 'self_approval' };
  if (model.voters.has(userId)) return { ok: false, reason: 'duplicate_vote' };
  if (!isRequester && !settings.approvers.includes(userId)) {
    return { ok: false, reason: 'not_authorized' };
  }
  model.voters.set(userId, decision);
  if (decision === 'deny') {
    model.state = 'denied';
    return { ok: true, effect: 'denied' };
  }
  model.approvedBy.add(userId);
  if (model.approvedBy.size >= demanded(settings)) {
    model.state = 'approved';
    return { ok: true, effect: 'approved' };
  }
  return { ok: true, effect: 'recorded' };
}
