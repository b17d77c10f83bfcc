import { castVote } from '../../../src/approval/cast-vote';
import {
  requestOperation,
  type RequestOperationInput,
} from '../../../src/approval/request-operation';
import { vaultArn } from '../../../src/config/resource-arn';
import { FINAL_STATES, type Operation } from '../../../src/core/types';
import { eventually } from '../../support/eventually';
import type { Harness } from '../../support/harness';

export const HOUR_MS = 3_600_000;

/** Copied, completed recovery points of every resource of `environment` in `region`'s vault. */
export async function seedCopiedPoints(
  h: Harness,
  environment: string,
  region: string,
  ageMs: number,
): Promise<void> {
  const env = h.config.environments[environment];
  if (!env) throw new Error(`no environment ${environment}`);
  const vault = env.backup.vaults[region] ?? '';
  const source = env.backup.vaults[env.primaryRegion] ?? '';
  for (const resource of env.resources) {
    const { status } = await h.control('POST', '/_sandbox/recovery-points', {
      region,
      vaultName: vault,
      resourceArn: resource.arn,
      ageMs,
      sourceBackupVaultArn: vaultArn(env.primaryRegion, env.accountId, source),
    });
    if (status !== 200) throw new Error(`seeding a recovery point answered ${status}`);
  }
}

/** Requests an operation as U0ALICE and approves it as U0BOB (the sandbox's policy). */
export async function requestApproved(
  h: Harness,
  input: Omit<RequestOperationInput, 'requestedBy'> & { requestedBy?: string },
): Promise<Operation> {
  const requested = await requestOperation(h.deps, {
    requestedBy: 'U0ALICE',
    reason: 'test',
    ...input,
  });
  if (!requested.ok) throw new Error(`request refused: ${requested.message}`);
  const vote = await castVote(h.deps, {
    operationId: requested.op.id,
    userId: 'U0BOB',
    decision: 'approve',
  });
  if (!vote.ok) throw new Error(`approval refused: ${vote.message}`);
  return vote.op;
}

export async function waitForFinal(
  h: Harness,
  operationId: string,
  timeoutMs = 20_000,
): Promise<Operation> {
  return eventually(
    async () => {
      // Ended: final, and the environment's lock no longer held by it (released just after).
      const op = await h.deps.operations.get(operationId);
      if (!op || !FINAL_STATES.includes(op.state)) return undefined;
      return (await h.deps.locks.holder(op.environment)) === op.id ? undefined : op;
    },
    { timeoutMs, everyMs: 25, what: `${operationId} final` },
  );
}

export interface SandboxSnapshot {
  restoreJobs: {
    jobId: string;
    createdAt: string;
    completedAt?: string;
    region: string;
    state: string;
    resourceArn: string;
    createdResourceArn?: string;
  }[];
  backupJobs: { jobId: string; region: string; state: string; resourceArn: string }[];
  copyJobs: { jobId: string; region: string; state: string; resourceArn: string }[];
  changes: { id: string; status: string; comment?: string }[];
  hostedZones: Record<string, { records: { name: string; type: string; values: string[] }[] }>;
  resources: { arn: string; region: string; origin: string; status: string }[];
}

export async function snapshot(h: Harness): Promise<SandboxSnapshot> {
  return (await h.state()) as unknown as SandboxSnapshot;
}

/** The emulator's call log. */
export async function calls(
  h: Harness,
): Promise<{ service: string; operation: string; region: string; status: number }[]> {
  const { json } = await h.control('GET', '/_sandbox/calls');
  return (
    json as { calls: { service: string; operation: string; region: string; status: number }[] }
  ).calls;
}

/** The values of a zone's records, by record name without the trailing dot. */
export function recordValues(s: SandboxSnapshot, zoneId: string): Record<string, string[]> {
  const zone = s.hostedZones[zoneId];
  return Object.fromEntries(
    (zone?.records ?? []).map((r) => [r.name.replace(/\.$/, ''), r.values]),
  );
}

/** Short locks and stall checks, so a test sees a dead worker's job taken over in about a second. */
export const FAST_WORKER_OPTIONS = {
  lockDurationMs: 2_000,
  stalledIntervalMs: 1_000,
  reconcileEveryMs: 1_000,
  healthTimeoutMs: 1_500,
} as const;
