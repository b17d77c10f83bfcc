import { z } from 'zod';
import { parseDurationMs } from './duration';
import { parseResourceArn } from './resource-arn';

const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

const duration = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = parseDurationMs(value);
  if (ms === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `${JSON.stringify(value)} is not a duration; write 4h or PT4H`,
    });
    return z.NEVER;
  }
  return ms;
});

const region = z.string().regex(REGION, { message: 'is not an AWS region name (e.g. eu-west-1)' });
const principal = z
  .string()
  .regex(/^(U|W)[A-Z0-9]+$|^@[a-z0-9._-]+$/i, {
    message: 'is neither a Slack user id (U…) nor a user-group handle (@oncall)',
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
    slack: z.object({ channel: z.string().min(1) }),
    approval: z.object({
      requesters: z.array(principal).min(1),
      approvers: z.array(principal).min(1),
      minApprovers: z.number().int().min(1).default(1),
      expiresAfter: duration.default(30 * 60_000),
    }),
    environments: z.record(
      z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'environment names are lower-case words joined by -' }),
      environment,
    ),
  })
  .superRefine((config, ctx) => {
    for (const [name, env] of Object.entries(config.environments)) {
      const at = (...path: (string | number)[]) => ['environments', name, ...path];
      if (!env.allowedRegions.includes(env.recoveryRegion)) {
        ctx.addIssue({
          code: 'custom',
          path: at('recoveryRegion'),
          message: `${env.recoveryRegion} is not in allowedRegions; add it there or choose one of ${env.allowedRegions.join(', ')}`,
        });
      }
      if (env.allowedRegions.includes(env.primaryRegion)) {
        ctx.addIssue({
          code: 'custom',
          path: at('allowedRegions'),
          message: `lists the primary region ${env.primaryRegion}; allowedRegions are the regions to fail over to`,
        });
      }
      for (const r of [env.primaryRegion, ...env.allowedRegions]) {
        if (!env.backup.vaults[r]) {
          ctx.addIssue({ code: 'custom', path: at('backup', 'vaults'), message: `has no vault for ${r}` });
        }
        if (!env.dns.healthChecks[r]) {
          ctx.addIssue({ code: 'custom', path: at('dns', 'healthChecks'), message: `has no health check for ${r}` });
        }
        env.dns.records.forEach((rec, i) => {
          if (!rec.values[r]) {
            ctx.addIssue({
              code: 'custom',
              path: at('dns', 'records', i, 'values'),
              message: `has no value of ${rec.name} for ${r}`,
            });
          }
        });
      }
      env.resources.forEach((resource, i) => {
        const parsed = parseResourceArn(resource.arn);
        if (!parsed) {
          ctx.addIssue({
            code: 'custom',
            path: at('resources', i, 'arn'),
            message: `${resource.arn} is not a resource ARN AWS Backup protects (RDS, Aurora, DynamoDB, EBS, EC2, EFS, S3)`,
          });
        } else if (parsed.service !== 's3' && parsed.region !== env.primaryRegion) {
          ctx.addIssue({
            code: 'custom',
            path: at('resources', i, 'arn'),
            message: `is in ${parsed.region}, not in the primary region ${env.primaryRegion}`,
          });
        }
      });
    }
  });

export type RawConfig = z.infer<typeof configSchema>;
