import { requiredApprovals } from '../core/approval-policy';
import { formatDurationMs } from '../core/format-duration';
import { lookupEnvironment } from '../config/lookup-environment';
import { buildPlan } from '../core/build-plan';
import { MAX_REASON_CHARS, reasonLength } from '../core/reason-length';
import { toIso } from '../core/to-iso';
import { FINAL_STATES, type Operation, type Plan, type RecoveryPoint } from '../core/types';
import type { LifeboatDeps } from '../lifeboat-deps';
import { auditRefusal } from './audit-refusal';
import type { Authorizer } from './authorizer';
import { expireRequest } from './expire-request';
import { newOperationId } from './new-operation-id';

export interface RequestOperationInput {
  kind: 'failover' | 'failback' | 'drill';
  environment: string;
  /** A Slack user id, or `lifeboat` for a scheduled drill. */
  requestedBy: string;
  reason?: string;
  toRegion?: string;
  planned?: boolean;
}

export const RequestRefusal = {
  NotAuthorized: 'not_authorized',
  UnknownEnvironment: 'unknown_environment',
  MissingReason: 'missing_reason',
  ReasonTooLong: 'reason_too_long',
  PlanRefused: 'plan_refused',
  RecoveryPointsUnavailable: 'recovery_points_unavailable',
  Busy: 'busy',
} as const;
export type RequestRefusal = (typeof RequestRefusal)[keyof typeof RequestRefusal];

export type RequestOperationResult =
  | { ok: true; op: Operation }
  | { ok: false; reason: RequestRefusal; message: string; holder?: Operation };

export interface ApprovalPorts {
  /** Default: `deps.authorizer` (the configuration's lists, without user groups). */
  authorizer?: Authorizer;
}

/**
 * Requests a failover, failback or drill: checks who asks and what, plans it from the newest
 * recovery points of the target region, takes the environment's lock, stores the operation,
 * schedules its expiry and tells the Slack side (which posts the request message). Nothing runs
 * until the approvals the policy demands are in.
 */
export async function requestOperation(
  deps: LifeboatDeps,
  input: RequestOperationInput,
  ports: ApprovalPorts = {},
): Promise<RequestOperationResult> {
  const config = deps.config.current();
  const refuse = async (
    reason: RequestRefusal,
    message: string,
    holder?: Operation,
  ): Promise<RequestOperationResult> => {
    await auditRefusal(deps, {
      actor: input.requestedBy,
      what: `${input.kind} of ${input.environment}`,
      message,
      reason,
      ...(lookupEnvironment(config, input.environment).ok
        ? { environment: input.environment }
        : {}),
      detail: { kind: input.kind, toRegion: input.toRegion, planned: input.planned },
    });
    return { ok: false, reason, message, ...(holder ? { holder } : {}) };
  };

  const authorizer = ports.authorizer ?? deps.authorizer;
  const auth = await authorizer.check(input.requestedBy, 'requester');
  if (!auth.allowed) return refuse('not_authorized', auth.message);

  const found = lookupEnvironment(config, input.environment);
  if (!found.ok) return refuse('unknown_environment', found.message);
  const { env } = found;
  const reason = input.reason?.trim() ?? '';
  if (input.kind !== 'drill' && reason === '') {
    return refuse(
      'missing_reason',
      `a ${input.kind} needs a reason (--reason "why") for the approvers and the audit log`,
    );
  }
  if (reasonLength(reason) > MAX_REASON_CHARS) {
    return refuse(
      'reason_too_long',
      `--reason is at most ${MAX_REASON_CHARS} characters; this one has ${reasonLength(reason)}`,
    );
  }

  const now = deps.clock.now();
  const state = await deps.environments.get(env.name);
  const planned = input.kind === 'failback' || input.planned === true;
  const basis = {
    environment: env,
    state,
    ...(input.toRegion !== undefined ? { toRegion: input.toRegion } : {}),
    requestedAt: now,
    configVersion: config.version,
  };

  // Where it would go, checked before asking AWS anything (a planned move needs no points).
  let toRegion: string;
  if (input.kind === 'drill') {
    toRegion = input.toRegion ?? state.protectionRegion;
  } else {
    const dry = buildPlan({ ...basis, kind: input.kind, planned: true, recoveryPoints: [] });
    if (!dry.ok) return refuse('plan_refused', dry.problems.join('; '));
    toRegion = dry.plan.toRegion;
  }

  const pointsNeeded = input.kind === 'drill' || !planned;
  const vault = env.backup.vaults[toRegion];
  let recoveryPoints: RecoveryPoint[] = [];
  let pointsUnknown: string | undefined;
  if (vault !== undefined) {
    try {
      recoveryPoints = await deps.aws.backup.listRecoveryPoints(toRegion, vault);
    } catch (error) {
      pointsUnknown = `AWS Backup could not list the recovery points of vault ${vault} in ${toRegion}: ${(error as Error).message}`;
      if (pointsNeeded) {
        const alternative =
          input.kind === 'failover' ? `, or, while ${state.activeRegion} is up, add --planned` : '';
        return refuse(
          'recovery_points_unavailable',
          `${pointsUnknown}. A ${planned ? 'planned ' : ''}${input.kind} restores from them; try again in a minute${alternative}`,
        );
      }
    }
  }

  const built = buildPlan({ ...basis, kind: input.kind, planned, recoveryPoints });
  if (!built.ok) return refuse('plan_refused', built.problems.join('; '));
  const plan: Plan = pointsUnknown
    ? { ...built.plan, recoveryPointsUnknown: pointsUnknown }
    : built.plan;

  const id = newOperationId();
  const lock = await takeLock(deps, env.name, id);
  if (!lock.ok) {
    const holder = lock.holder;
    const who = holder
      ? `${holder.kind} ${holder.id} (${holder.state}, requested by <@${holder.requestedBy}>)`
      : 'another operation';
    return refuse(
      'busy',
      `${env.name} already has ${who}; one operation at a time. Wait for it to end, or stop it with /dr cancel ${holder?.id ?? 'OP_ID'}`,
      holder,
    );
  }

  const expiresAfterMs = config.approval.expiresAfterMs;
  const op: Operation = {
    id,
    kind: input.kind,
    environment: env.name,
    state: 'requested',
    requestedBy: input.requestedBy,
    requestedAt: toIso(now),
    ...(reason ? { reason } : {}),
    expiresAt: toIso(now.plus({ milliseconds: expiresAfterMs })),
    // Decided now and kept: a later reload can neither lower nor raise what this request needs.
    requiredApprovals: requiredApprovals(deps.config.current().approval.minApprovers),
    votes: [],
    plan,
    steps: [],
    progress: {},
  };
  if (!(await deps.operations.create(op))) {
    await deps.locks.release(env.name, id);
    throw new Error(`operation id ${id} already exists`);
  }
  await deps.expiries.schedule(id, Date.parse(op.expiresAt));
  await deps.audit.append({
    type: 'request',
    actor: input.requestedBy,
    at: op.requestedAt,
    environment: env.name,
    operationId: id,
    summary: `requested ${describeRequest(op)}${reason ? `: ${reason}` : ''}`,
    detail: {
      kind: op.kind,
      fromRegion: plan.fromRegion,
      toRegion: plan.toRegion,
      planned,
      fingerprint: plan.fingerprint,
      requiredApprovals: op.requiredApprovals,
    },
  });
  await deps.events.publish({ type: 'operation.updated', operationId: id });
  return { ok: true, op };
}

/** `failover of shop-prod from eu-west-1 to eu-central-1 (op-…), expires in 30m` */
export function describeRequest(op: Operation): string {
  const planned = op.kind === 'failover' && op.plan.planned ? 'planned ' : '';
  const where =
    op.kind === 'drill'
      ? `in ${op.plan.toRegion}`
      : `from ${op.plan.fromRegion} to ${op.plan.toRegion}`;
  const lifetime = formatDurationMs(Date.parse(op.expiresAt) - Date.parse(op.requestedAt));
  return `${planned}${op.kind} of ${op.environment} ${where} (${op.id}), expires in ${lifetime}`;
}

/**
 * The environment's lock for `id`. A lock held by an operation that has ended, or by a request
 * past its expiry whose job has not run yet, is taken over; a live one is reported.
 */
async function takeLock(
  deps: LifeboatDeps,
  environment: string,
  id: string,
): Promise<{ ok: true } | { ok: false; holder?: Operation }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const acquired = await deps.locks.acquire(environment, id);
    if (acquired.acquired) return { ok: true };
    const holder = await deps.operations.get(acquired.holder);
    if (
      holder?.state === 'requested' &&
      deps.clock.now().toMillis() >= Date.parse(holder.expiresAt)
    ) {
      await expireRequest(deps, holder.id);
      continue;
    }
    if (!holder || FINAL_STATES.includes(holder.state)) {
      if (await deps.locks.takeOver(environment, acquired.holder, id)) return { ok: true };
      continue;
    }
    return { ok: false, holder };
  }
  return { ok: false };
}
