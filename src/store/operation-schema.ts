import { z } from 'zod';
import type { OperationProgress, ResourceProgress, Stopping } from '../core/operation-progress';
import {
  OperationKind,
  OperationState,
  StepState,
  type Operation,
  type Plan,
  type Principal,
} from '../core/types';
import { AWS_JOB_STATES } from '../core/aws-job-state';

/*
 * The shape of an operation as the operation store keeps it, checked when it is read back. Every
 * field the code has ever made optional is optional here, and every object lets unknown fields
 * through, so a record written by an older or a newer Lifeboat reads as it was written; what is
 * checked is what the code relies on. `satisfies` keeps each schema in step with its type.
 */

const awsJobState = z.enum(AWS_JOB_STATES);
const operationState = z.enum(OperationState);

const resourceProgressSchema = z.looseObject({
  recoveryPointArn: z.string().optional(),
  recoveryPointCreatedAt: z.string().optional(),
  backupJobId: z.string().optional(),
  backupState: awsJobState.optional(),
  backupRecoveryPointArn: z.string().optional(),
  backupMessage: z.string().optional(),
  copyJobId: z.string().optional(),
  copyState: awsJobState.optional(),
  copyMessage: z.string().optional(),
  restoreJobId: z.string().optional(),
  restoreState: awsJobState.optional(),
  restoreMessage: z.string().optional(),
  restoredArn: z.string().optional(),
  teardown: z.enum(['deleted', 'manual']).optional(),
}) satisfies z.ZodType<ResourceProgress>;

const stoppingSchema = z.looseObject({
  state: z.enum(['failed', 'cancelled']),
  reason: z.string(),
  at: z.string(),
}) satisfies z.ZodType<Stopping>;

/** An operation that has not started holds `{}`: every part of its progress may be missing. */
const progressSchema = z.looseObject({
  resources: z.record(z.string(), resourceProgressSchema).optional(),
  healthSince: z.string().optional(),
  healthyAt: z.string().optional(),
  dnsStartedAt: z.string().optional(),
  dnsChangeId: z.string().optional(),
  dnsAlreadyInPlace: z.boolean().optional(),
  dnsInSyncAt: z.string().optional(),
  stopping: stoppingSchema.optional(),
  blocked: z.looseObject({ step: z.string(), detail: z.string(), since: z.string() }).optional(),
}) satisfies z.ZodType<Partial<OperationProgress>>;

/** What authorised a vote; absent on votes stored before it was recorded. */
const principalSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('user'), id: z.string() }),
  z.looseObject({ type: z.literal('group'), handle: z.string(), members: z.array(z.string()) }),
]) satisfies z.ZodType<Principal>;

const planSchema = z.looseObject({
  kind: z.enum(OperationKind),
  environment: z.string(),
  fromRegion: z.string(),
  toRegion: z.string(),
  planned: z.boolean(),
  configVersion: z.string(),
  resources: z.array(
    z.looseObject({
      resourceArn: z.string(),
      resourceType: z.string(),
      sourceArn: z.string(),
      recoveryPointArn: z.string().optional(),
      recoveryPointCreatedAt: z.string().optional(),
      dataLossMs: z.number().optional(),
    }),
  ),
  dnsChanges: z.array(
    z.looseObject({
      name: z.string(),
      type: z.string(),
      ttl: z.number(),
      from: z.string(),
      to: z.string(),
    }),
  ),
  hostedZoneId: z.string(),
  healthChecks: z.array(z.string()),
  rpoTargetMs: z.number(),
  rtoTargetMs: z.number(),
  rtoDeadline: z.string(),
  fingerprint: z.string(),
  recoveryPointsUnknown: z.string().optional(),
}) satisfies z.ZodType<Plan>;

export const operationSchema = z.looseObject({
  id: z.string().min(1),
  kind: z.enum(OperationKind),
  environment: z.string(),
  state: operationState,
  requestedBy: z.string(),
  requestedAt: z.string(),
  reason: z.string().optional(),
  expiresAt: z.string(),
  // Absent on records written before it was stored: the configuration in force decides then.
  requiredApprovals: z.number().int().min(1).optional(),
  votes: z.array(
    z.looseObject({
      userId: z.string(),
      decision: z.enum(['approve', 'deny']),
      at: z.string(),
      reason: z.string().optional(),
      principal: principalSchema.optional(),
    }),
  ),
  plan: planSchema,
  slack: z.looseObject({ channel: z.string(), ts: z.string() }).optional(),
  steps: z.array(
    z.looseObject({
      name: z.string(),
      state: z.enum(StepState),
      startedAt: z.string().optional(),
      endedAt: z.string().optional(),
      detail: z.string().optional(),
    }),
  ),
  progress: progressSchema,
  approvedAt: z.string().optional(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  cancelRequestedBy: z.string().optional(),
  outcome: z
    .looseObject({
      rtoMs: z.number().optional(),
      dataLossMs: z.record(z.string(), z.number()).optional(),
      worstDataLossMs: z.number().optional(),
      message: z.string().optional(),
    })
    .optional(),
  error: z.string().optional(),
}) satisfies z.ZodType<Operation>;
