import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The layer rules of eslint.config.mjs, proved on snippets that break them and on snippets that
 * do not: a rule that stopped matching (a renamed folder, a changed selector) would otherwise
 * pass in silence.
 */
interface Snippet {
  filePath: string;
  code: string;
  /** `line:rule` of the layer rules the snippet breaks. */
  expected: string[];
}

const LAYER_RULES = ['no-restricted-imports', 'no-restricted-syntax', 'no-restricted-globals'];
const CORE = 'src/core/layer-rules-fixture.ts';

const refused = (filePath: string, code: string, rule: string): Snippet => ({
  filePath,
  code,
  expected: [`${code.split('\n').length}:${rule}`],
});
const allowed = (filePath: string, code: string): Snippet => ({ filePath, code, expected: [] });

const core: Record<string, Snippet> = {
  'a value from bullmq': refused(CORE, "import { Queue } from 'bullmq';", 'no-restricted-imports'),
  'a type from ioredis': refused(
    CORE,
    "import type { Redis } from 'ioredis';",
    'no-restricted-imports',
  ),
  'the AWS SDK': refused(
    CORE,
    "import { BackupClient } from '@aws-sdk/client-backup';",
    'no-restricted-imports',
  ),
  'the Slack SDK': refused(
    CORE,
    "import { WebClient } from '@slack/web-api';",
    'no-restricted-imports',
  ),
  'a value from the configuration': refused(
    CORE,
    "import { loadConfig } from '../config/config';",
    'no-restricted-imports',
  ),
  'an adapter': refused(
    CORE,
    "import { createBackupAdapter } from '../adapters/aws';",
    'no-restricted-imports',
  ),
  'a store': refused(
    CORE,
    "import { createOperationStore } from '../store/operation-store';",
    'no-restricted-imports',
  ),
  'the queue': refused(
    CORE,
    "import { toJobError } from '../queue/to-job-error';",
    'no-restricted-imports',
  ),
  'a use case, even for a type': refused(
    CORE,
    "import type { StepContext } from '../operations/step-context';",
    'no-restricted-imports',
  ),
  'an edge': refused(
    CORE,
    "export { runOperationJob } from '../../jobs/run-operation';",
    'no-restricted-imports',
  ),
  'Date.now()': refused(CORE, 'export const nowMs = Date.now();', 'no-restricted-syntax'),
  'new Date()': refused(CORE, 'export const now = new Date();', 'no-restricted-syntax'),
  'Date()': refused(CORE, 'export const text = Date();', 'no-restricted-syntax'),
  'DateTime.now()': refused(
    CORE,
    "import { DateTime } from 'luxon';\nexport const now = DateTime.now();",
    'no-restricted-syntax',
  ),
  'DateTime.utc()': refused(
    CORE,
    "import { DateTime } from 'luxon';\nexport const now = DateTime.utc();",
    'no-restricted-syntax',
  ),
  'process.env': refused(
    CORE,
    "export const region = process.env['AWS_REGION'];",
    'no-restricted-globals',
  ),
  'a dynamic import': refused(CORE, "export const q = import('bullmq');", 'no-restricted-syntax'),
  'an inline import type': refused(
    CORE,
    "export type R = import('ioredis').Redis;",
    'no-restricted-syntax',
  ),
};

const coreAllows: Record<string, Snippet> = {
  'types of the configuration and the stores': allowed(
    CORE,
    [
      "import type { EnvironmentConfig } from '../config/config';",
      "import { type OperationStore } from '../store/operation-store';",
      'export type Both = EnvironmentConfig | OperationStore;',
    ].join('\n'),
  ),
  'parsing a timestamp and building a given time': allowed(
    CORE,
    [
      "import { DateTime } from 'luxon';",
      "export const ms = Date.parse('2026-01-01T00:00:00.000Z');",
      'export const at = DateTime.utc(2026, 1, 1);',
    ].join('\n'),
  ),
};

const useCases: Record<string, Snippet> = {
  'bullmq in src/operations': refused(
    'src/operations/layer-rules-fixture.ts',
    "import { Worker } from 'bullmq';",
    'no-restricted-imports',
  ),
  'a type from ioredis in src/backups': refused(
    'src/backups/layer-rules-fixture.ts',
    "import type { Redis } from 'ioredis';",
    'no-restricted-imports',
  ),
  'Slack in src/approval': refused(
    'src/approval/layer-rules-fixture.ts',
    "import { App } from '@slack/bolt';",
    'no-restricted-imports',
  ),
  'the AWS SDK in src/operations': refused(
    'src/operations/layer-rules-fixture.ts',
    "import { RDSClient } from '@aws-sdk/client-rds';",
    'no-restricted-imports',
  ),
  'an adapter in src/operations': refused(
    'src/operations/layer-rules-fixture.ts',
    "import { createRoute53Adapter } from '../adapters/aws';",
    'no-restricted-imports',
  ),
  'the clock read in src/backups': refused(
    'src/backups/layer-rules-fixture.ts',
    'export const nowMs = Date.now();',
    'no-restricted-syntax',
  ),
  'a job in src/backups': refused(
    'src/backups/layer-rules-fixture.ts',
    "import { runBackup } from '../../jobs/run-backup';",
    'no-restricted-imports',
  ),
  'the bot in src/approval': refused(
    'src/approval/layer-rules-fixture.ts',
    "import { startBot } from '../bot/start-bot';",
    'no-restricted-imports',
  ),
};

const useCasesAllow: Record<string, Snippet> = {
  'a date made from a time it was given': allowed(
    'src/backups/layer-rules-fixture.ts',
    'export const at = (ms: number) => new Date(ms).toISOString();',
  ),
  'the core, the ports and the stores': allowed(
    'src/operations/layer-rules-fixture.ts',
    [
      "import { idempotencyToken } from '../core/idempotency-token';",
      "import type { BackupPort } from '../ports/backup-port';",
      "import type { OperationStore } from '../store/operation-store';",
      'export type Used = BackupPort | OperationStore | typeof idempotencyToken;',
    ].join('\n'),
  ),
};

const presentation: Record<string, Snippet> = {
  'the clock read in jobs/': refused(
    'jobs/layer-rules-fixture.ts',
    'export const now = new Date();',
    'no-restricted-syntax',
  ),
  'the bot in commands/': refused(
    'commands/layer-rules-fixture.ts',
    "import { startBot } from '../src/bot/start-bot';",
    'no-restricted-imports',
  ),
  'the bot in src/slack': refused(
    'src/slack/layer-rules-fixture.ts',
    "import { botRoutes } from '../bot/bot-routes';",
    'no-restricted-imports',
  ),
  'a job in commands/': refused(
    'commands/layer-rules-fixture.ts',
    "import { startJobs } from '../jobs';",
    'no-restricted-imports',
  ),
};

const presentationAllows: Record<string, Snippet> = {
  'the use cases and the presentation helpers in commands/': allowed(
    'commands/layer-rules-fixture.ts',
    [
      "import { requestOperation } from '../src/approval/request-operation';",
      "import { createReplier } from '../src/slack/reply';",
      'export const used = [requestOperation, createReplier];',
    ].join('\n'),
  ),
};

const all = [core, coreAllows, useCases, useCasesAllow, presentation, presentationAllows].flatMap(
  (group) => Object.values(group),
);
let problems = new Map<Snippet, string[]>();

beforeAll(async () => {
  const script = join(__dirname, 'support', 'lint-snippets.mjs');
  const input = JSON.stringify(all.map(({ filePath, code }) => ({ filePath, code })));
  const { stdout } = await promisify(execFile)(process.execPath, [script, input], {
    cwd: join(__dirname, '..'),
  });
  const results = JSON.parse(stdout) as string[][];
  problems = new Map(
    all.map((snippet, i) => [
      snippet,
      (results[i] ?? []).filter((p) => {
        const rule = p.slice(p.indexOf(':') + 1);
        return rule === 'parse' || LAYER_RULES.includes(rule);
      }),
    ]),
  );
});

const expectation = (snippet: Snippet) => expect(problems.get(snippet)).toEqual(snippet.expected);

describe('the core is pure', () => {
  it.each(Object.entries(core))('refuses %s', (_, snippet) => expectation(snippet));
  it.each(Object.entries(coreAllows))('allows %s', (_, snippet) => expectation(snippet));
});

describe('the use cases reach infrastructure through ports', () => {
  it.each(Object.entries(useCases))('refuses %s', (_, snippet) => expectation(snippet));
  it.each(Object.entries(useCasesAllow))('allows %s', (_, snippet) => expectation(snippet));
});

describe('listeners and presentation stand below the bot; processors read the injected clock', () => {
  it.each(Object.entries(presentation))('refuses %s', (_, snippet) => expectation(snippet));
  it.each(Object.entries(presentationAllows))('allows %s', (_, snippet) => expectation(snippet));
});
