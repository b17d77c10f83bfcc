import { z } from 'zod';
import { ErrorCode, LifeboatError } from './errors';

const int = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) {
        ctx.addIssue({
          code: 'custom',
          message: `must be a whole number, got ${JSON.stringify(v)}`,
        });
        return z.NEVER;
      }
      return n;
    });

/** A TCP port to listen on: 1 to 65535, or 0 for any free port. */
const port = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!/^\d+$/.test(v.trim()) || !Number.isInteger(n) || n > 65_535) {
        ctx.addIssue({
          code: 'custom',
          message: `must be a port number from 1 to 65535 (0: any free port), got ${JSON.stringify(v)}`,
        });
        return z.NEVER;
      }
      return n;
    });

/** An address to listen on, such as 127.0.0.1 or 0.0.0.0. */
const host = (fallback: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9.:-]+$/, {
      message: `must be an address to listen on, such as ${fallback} or 0.0.0.0`,
    })
    .default(fallback);

const schema = z.object({
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-/, { message: 'must be a bot token starting with xoxb-' })
    .optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, { message: 'must be an app-level token starting with xapp-' })
    .optional(),
  SLACK_API_URL: z.url({ message: 'must be a URL such as https://slack.com/api/' }).optional(),
  PORT: port(3000),
  INTERNAL_PORT: port(9090),
  INTERNAL_HOST: host('127.0.0.1'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, { message: 'must be a redis:// or rediss:// URL' })
    .optional(),
  REDIS_SENTINELS: z.string().optional(),
  SANDBOX_HOST: host('127.0.0.1'),
  DR_CONFIG: z.string().min(1).default('./dr.config.yaml'),
  DR_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, { message: 'may hold letters, digits, - and _ only' })
    .default('dr'),
  AWS_ENDPOINT_URL: z.url({ message: 'must be a URL such as http://localhost:4566' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DR_POLL_MS: int(10_000),
  AWS_EMULATOR_JOB_MS: int(5_000),
  AWS_EMULATOR_PORT: port(4566),
});

export interface Settings {
  slackBotToken?: string;
  slackSigningSecret?: string;
  slackAppToken?: string;
  slackApiUrl?: string;
  /** Slack's port: /slack/events (and, in the sandbox, the page). */
  port: number;
  /** Where the operator endpoints (/healthz, /metrics) listen, apart from Slack's port. */
  internalPort: number;
  internalHost: string;
  redisUrl?: string;
  /** REDIS_SENTINELS as given (`host:port,…`): Redis through Sentinel. */
  redisSentinels?: string;
  /** Where the sandbox listens: its page, the bot and the emulator. */
  sandboxHost: string;
  configPath: string;
  prefix: string;
  awsEndpointUrl?: string;
  logLevel: string;
  pollMs: number;
  emulatorJobMs: number;
  emulatorPort: number;
}

/** Reads the environment once, at the composition root. A bad setting is one clear line. */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const result = schema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new LifeboatError(ErrorCode.SettingInvalid, `${name} ${issue?.message ?? 'is invalid'}`);
  }
  const e = result.data;
  return {
    ...(e.SLACK_BOT_TOKEN ? { slackBotToken: e.SLACK_BOT_TOKEN } : {}),
    ...(e.SLACK_SIGNING_SECRET ? { slackSigningSecret: e.SLACK_SIGNING_SECRET } : {}),
    ...(e.SLACK_APP_TOKEN ? { slackAppToken: e.SLACK_APP_TOKEN } : {}),
    ...(e.SLACK_API_URL ? { slackApiUrl: e.SLACK_API_URL } : {}),
    port: e.PORT,
    internalPort: e.INTERNAL_PORT,
    internalHost: e.INTERNAL_HOST,
    ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL } : {}),
    ...(e.REDIS_SENTINELS ? { redisSentinels: e.REDIS_SENTINELS } : {}),
    sandboxHost: e.SANDBOX_HOST,
    configPath: e.DR_CONFIG,
    prefix: e.DR_PREFIX,
    ...(e.AWS_ENDPOINT_URL ? { awsEndpointUrl: e.AWS_ENDPOINT_URL } : {}),
    logLevel: e.LOG_LEVEL,
    pollMs: e.DR_POLL_MS,
    emulatorJobMs: e.AWS_EMULATOR_JOB_MS,
    emulatorPort: e.AWS_EMULATOR_PORT,
  };
}
