import { z } from 'zod';
import { AwsError } from './aws-error';
import type { EmulatorControl } from './emulator-control';
import type { CallJson } from './emulator-state';
import type { EmulatorRequest, EmulatorResponse } from './emulator-request';
import { jsonResponse, parseJsonObject } from './json-response';

const rate = z.number().min(0).max(1);
const jobKind = z.enum(['backup', 'copy', 'restore']);
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

const regionBody = z
  .object({ up: z.boolean(), outage: z.enum(['unavailable', 'hang']).optional() })
  .strict();
const faultsBody = z
  .object({
    throttleRate: rate.optional(),
    errorRate: rate.optional(),
    latencyMs: z.number().int().min(0).optional(),
    failJobs: z
      .object({ backup: rate.optional(), copy: rate.optional(), restore: rate.optional() })
      .strict()
      .optional(),
    failNext: z
      .array(
        z
          .object({
            kind: jobKind,
            resourceArn: z.string().min(1).optional(),
            region: z.string().regex(REGION).optional(),
            state: z.enum(['FAILED', 'ABORTED', 'PARTIAL', 'EXPIRED']).optional(),
            message: z.string().optional(),
            stuck: z.boolean().optional(),
          })
          .strict(),
      )
      .optional(),
    route53Up: z.boolean().optional(),
    denyOperations: z.array(z.string().min(1)).optional(),
  })
  .strict();
const healthBody = z.object({ healthy: z.boolean().nullable() }).strict();
const clockBody = z
  .object({ offsetMs: z.number().int().optional(), advanceMs: z.number().int().optional() })
  .strict();
const recoveryPointBody = z
  .object({
    region: z.string().regex(REGION),
    vault: z.string().min(1).optional(),
    vaultName: z.string().min(1).optional(),
    resourceArn: z.string().min(1),
    createdAt: z.string().optional(),
    ageMs: z.number().int().min(0).optional(),
    encryptionKeyArn: z.string().optional(),
    sourceBackupVaultArn: z.string().optional(),
    status: z.enum(['COMPLETED', 'PARTIAL', 'DELETING', 'EXPIRED']).optional(),
  })
  .strict()
  .refine((b) => b.vault !== undefined || b.vaultName !== undefined, {
    message: 'vault (or vaultName) is required',
  });

function parse<T>(schema: z.ZodType<T>, request: EmulatorRequest): T {
  const body = parseJsonObject(request.body);
  if (!body) throw new AwsError('BadRequest', 400, 'the body is not a JSON object');
  const result = schema.safeParse(body);
  if (!result.success) {
    const problems = result.error.issues.map(
      (i) => `${i.path.map(String).join('.') || 'body'}: ${i.message}`,
    );
    throw new AwsError('BadRequest', 400, problems.join('; '));
  }
  return result.data;
}

/**
 * The control API under /_sandbox (see index.ts for every endpoint). Answers JSON; a bad request
 * gets 400 with { error, message }.
 */
export function handleControl(
  control: EmulatorControl,
  request: EmulatorRequest,
  snapshot: () => unknown,
): EmulatorResponse {
  try {
    return route(control, request, snapshot);
  } catch (error) {
    if (error instanceof AwsError)
      return jsonResponse(
        { error: error.code, message: error.message },
        'application/json',
        error.status,
      );
    throw error;
  }
}

function route(
  control: EmulatorControl,
  request: EmulatorRequest,
  snapshot: () => unknown,
): EmulatorResponse {
  const [, resource = '', id, ...rest] = request.segments;
  const method = request.method;
  if (rest.length > 0)
    throw new AwsError('NotFound', 404, `no control endpoint ${method} ${request.path}`);
  if (resource === 'state' && method === 'GET' && !id) return jsonResponse(snapshot());
  if (resource === 'regions' && method === 'POST' && id) {
    if (!REGION.test(id)) {
      throw new AwsError(
        'ValidationException',
        400,
        `${id} is not an AWS region name (e.g. eu-west-1)`,
      );
    }
    return jsonResponse(control.setRegion(id, parse(regionBody, request)));
  }
  if (resource === 'faults' && !id) {
    if (method === 'GET') return jsonResponse(control.faults());
    if (method === 'POST') return jsonResponse(control.setFaults(parse(faultsBody, request)));
  }
  if (resource === 'health-checks' && method === 'POST' && id) {
    return jsonResponse(control.setHealthCheck(id, parse(healthBody, request).healthy));
  }
  if (resource === 'clock' && !id) {
    if (method === 'GET') return jsonResponse(control.clock());
    if (method === 'POST') return jsonResponse(control.setClock(parse(clockBody, request)));
  }
  if (resource === 'recovery-points' && method === 'POST' && !id) {
    const body = parse(recoveryPointBody, request);
    const { vault, vaultName, ...rest } = body;
    const point = control.seedRecoveryPoint({ ...rest, vaultName: vaultName ?? vault ?? '' });
    return jsonResponse({
      recoveryPointArn: point.recoveryPointArn,
      region: point.region,
      vaultName: point.vaultName,
      resourceArn: point.resourceArn,
      resourceType: point.resourceType,
      createdAt: new Date(point.createdAtMs).toISOString(),
      encryptionKeyArn: point.encryptionKeyArn,
      status: point.status,
    });
  }
  if (resource === 'reset' && method === 'POST' && !id) {
    control.reset();
    return jsonResponse({ reset: true });
  }
  if (resource === 'calls' && !id) {
    if (method === 'GET') {
      const q = request.query;
      const calls = control.calls({
        ...(q.get('service') ? { service: q.get('service') ?? '' } : {}),
        ...(q.get('operation') ? { operation: q.get('operation') ?? '' } : {}),
        ...(q.get('region') ? { region: q.get('region') ?? '' } : {}),
        ...(q.get('since') ? { since: q.get('since') ?? '' } : {}),
      });
      return jsonResponse({
        calls: calls.map(({ atMs, ...call }): CallJson => ({
          at: new Date(atMs).toISOString(),
          ...call,
        })),
      });
    }
    if (method === 'DELETE') {
      control.clearCalls();
      return jsonResponse({ cleared: true });
    }
  }
  throw new AwsError('NotFound', 404, `no control endpoint ${method} ${request.path}`);
}
