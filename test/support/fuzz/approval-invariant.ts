import type { Operation } from '../../../src/core/types';
import type { OperationStore } from '../../../src/store/operation-store';
import type { RunJobs } from './run-jobs';

/** States an operation reaches without anyone's approval. */
const UNAPPROVED = new Set(['requested', 'denied', 'expired', 'cancelled']);

export interface ApprovalRule {
  /** Whether the configuration makes this person an approver (by id or through a group). */
  isApprover(userId: string): boolean;
  minApprovers: number;
}

/** The distinct approvers besides the requester whose approval counts under `rule`. */
export function countedApprovers(op: Operation, rule: ApprovalRule): string[] {
  return [
    ...new Set(
      op.votes
        .filter((v) => v.decision === 'approve' && v.userId !== op.requestedBy)
        .map((v) => v.userId)
        .filter((userId) => rule.isApprover(userId)),
    ),
  ];
}

/**
 * Reads every operation and every queued run from Redis and names each that went past the
 * request without the approvals `rule` demands: approved (even if cancelled since) short of
 * them, running or finished at all (nothing executes here), or a run job queued for one that is
 * not approved.
 */
export async function unapprovedRuns(input: {
  operations: OperationStore;
  jobs: RunJobs;
  rule: ApprovalRule;
}): Promise<{ problems: string[]; operations: Operation[] }> {
  const operations = await input.operations.list({ limit: 100_000 });
  const byId = new Map(operations.map((op) => [op.id, op]));
  const need = Math.max(1, input.rule.minApprovers);
  const problems: string[] = [];
  for (const op of operations) {
    // Approved at some point (then perhaps cancelled), or past approval.
    if (UNAPPROVED.has(op.state) && op.approvedAt === undefined) continue;
    const counted = countedApprovers(op, input.rule);
    const votes = JSON.stringify(op.votes.map((v) => [v.userId, v.decision]));
    if (counted.length < need) {
      problems.push(`${op.id} was approved with ${counted.length} of ${need} approvals (${votes})`);
    }
    if (op.state !== 'approved' && op.state !== 'cancelled') {
      problems.push(`${op.id} is ${op.state}, but nothing executes operations here`);
    }
  }
  for (const id of await input.jobs.operationIds()) {
    const op = byId.get(id);
    if (!op || op.state !== 'approved') {
      problems.push(`a run job is queued for ${id}, which is ${op?.state ?? 'not stored'}`);
    }
  }
  return { problems, operations };
}
