import { z } from 'zod';
import { parseDurationMs } from './duration';
import { parseResourceArn } from './resource-arn';

const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

/** No target, expiry or interval is longer; past it, now + duration stops being a date. */
const MAX_DURATION_MS = 100 * 365.25 * 86_400_000;

const duration = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = parseDurationMs(value);
  if (ms === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `${JSON.stringify(value)} is not a duration; write 4h or PT4H`,
    });
    return z.NEVER;
  }
  if (ms > MAX_DURATION_MS) {
    ctx.addIssue({
      code: 'custom',
      message: `${JSON.stringify(value)} is longer than 100 years; write the duration you mean, such as 4h or 30d`,
    });
    return z.NEVER;
  }
  return ms;
});

const region = z.string().regex(REGION, { message: 'is not an AWS region name (e.g. eu-west-1)' });
/**
 * Slack writes its ids in upper case and compares them exactly: `u0bob` would never match
 * anyone, so it is refused, with the id meant. User-group handles Slack matches in any case.
 */
const principal = z.string().superRefine((value, ctx) => {
  if (/^[UW][A-Z0-9]+$/.test(value) || /^@[a-z0-9._-]+$/i.test(value)) return;
  ctx.addIssue({
    code: 'custom',
    message: /^[UW][A-Z0-9]+$/i.test(value)
      ? `"${value}" is not a Slack user id as Slack writes it; did you mean ${value.toUpperCase()}?`
      : 'is neither a Slack user id (U…) nor a user-group handle (@oncall)',
  });
});

/** A channel id (C…, or G… for an older private channel), as Slack sends it with every request. */
const channel = z.string().superRefine((value, ctx) => {
  if (/^[CG][A-Z0-9]+$/.test(value)) return;
  ctx.addIssue({
    code: 'custom',
    message: /^[CG][A-Z0-9]+$/i.test(value)
      ? `"${value}" is not a Slack channel id as Slack writes it; did you mean ${value.toUpperCase()}?`
      : `"${value}" is not a channel id; give the id (C…) from the channel's details in Slack`,
  });
});

const record = z.object({
  name: z.string().min(1),
  type: z.enum(['A', 'AAAA', 'CNAME', 'TXT']),
  ttl: z.number().int().positive().default(60),
  values: z.record(region, z.string().min(1)),
});

const environment = z.object({
  primaryRegion: region,
  recoveryRegion: region,
  allowedRegions: z.array(region).min(1),
  rpo: duration,
  rto: duration,
  drill: duration.optional(),
  backup: z.object({
    roleArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, {
      message: 'is not an IAM role ARN (arn:aws:iam::123456789012:role/name)',
    }),
    vaults: z.record(region, z.string().min(1)),
    kmsKeys: z.record(region, z.string().min(1)).default({}),
  }),
  resources: z
    .array(z.object({ arn: z.string().min(1) }))
    .min(1, { message: 'lists no resources; add at least one resource ARN' }),
  dns: z.object({
    hostedZoneId: z.string().min(1),
    records: z.array(record).min(1),
    healthChecks: z.record(region, z.string().min(1)),
  }),
});

export const configSchema = z
  .object({
    slack: z.object({ channel }),
    approval: z.object({
      requesters: z.array(principal).min(1),
      approvers: z.array(principal).min(1),
      minApprovers: z.number().int().min(1).default(1),
      expiresAfter: duration.default(30 * 60_000),
    }),
    environments: z.record(
      z.string().regex(/^[a-z0-9][a-z0-9-]*$/, {
        message: 'environment names are lower-case words joined by -',
      }),
      environment,
    ),
  })
  // Cross-field rules run even when some field is invalid, so that every problem is listed at
  // once; each environment is checked when the fields these rules read have the right shape.
  .superRefine(
    (config, ctx) => {
      const environments: unknown = (config as { environments?: unknown } | undefined)
        ?.environments;
      if (!environments || typeof environments !== 'object') return;
      for (const [name, candidate] of Object.entries(environments)) {
        const env = crossFieldShape.safeParse(candidate);
        if (!env.success) continue;
        checkEnvironment(env.data, (path, message) =>
          ctx.addIssue({ code: 'custom', path: ['environments', name, ...path], message }),
        );
      }
    },
    { when: () => true },
  );

/** What the cross-field rules read, without the rules of each field. */
const crossFieldShape = z.object({
  primaryRegion: z.string(),
  recoveryRegion: z.string(),
  allowedRegions: z.array(z.string()),
  backup: z.object({ vaults: z.record(z.string(), z.unknown()) }),
  resources: z.array(z.object({ arn: z.string() })),
  dns: z.object({
    records: z.array(z.object({ name: z.unknown(), values: z.record(z.string(), z.unknown()) })),
    healthChecks: z.record(z.string(), z.unknown()),
  }),
});

function checkEnvironment(
  env: z.infer<typeof crossFieldShape>,
  problem: (path: (string | number)[], message: string) => void,
): void {
  // Names that are not regions are reported by their own rule; the rules below skip them.
  const isRegion = (r: string) => REGION.test(r);
  if (isRegion(env.recoveryRegion) && !env.allowedRegions.includes(env.recoveryRegion)) {
    problem(
      ['recoveryRegion'],
      `${env.recoveryRegion} is not in allowedRegions; add it there or choose one of ${env.allowedRegions.join(', ')}`,
    );
  }
  if (env.allowedRegions.includes(env.primaryRegion)) {
    problem(
      ['allowedRegions'],
      `lists the primary region ${env.primaryRegion}; allowedRegions are the regions to fail over to`,
    );
  }
  for (const r of [env.primaryRegion, ...env.allowedRegions].filter(isRegion)) {
    if (!env.backup.vaults[r]) problem(['backup', 'vaults'], `has no vault for ${r}`);
    if (!env.dns.healthChecks[r]) problem(['dns', 'healthChecks'], `has no health check for ${r}`);
    env.dns.records.forEach((rec, i) => {
      if (!rec.values[r]) {
        problem(['dns', 'records', i, 'values'], `has no value of ${String(rec.name)} for ${r}`);
      }
    });
  }
  env.resources.forEach((resource, i) => {
    const parsed = parseResourceArn(resource.arn);
    if (!parsed) {
      problem(
        ['resources', i, 'arn'],
        `${resource.arn} is not a resource ARN AWS Backup protects (RDS, Aurora, DynamoDB, EBS, EC2, EFS, S3)`,
      );
    } else if (parsed.service !== 's3' && parsed.region !== env.primaryRegion) {
      problem(
        ['resources', i, 'arn'],
        `is in ${parsed.region}, not in the primary region ${env.primaryRegion}`,
      );
    }
  });
}

export type RawConfig = z.infer<typeof configSchema>;
