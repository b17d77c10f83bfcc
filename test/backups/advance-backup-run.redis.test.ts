import { advanceBackupRun, type AdvanceResult } from '../../src/backups/advance-backup-run';
import type { BackupRun } from '../../src/backups/backup-run';
import { DEFAULT_BACKUP_SETTINGS, type BackupSettings } from '../../src/backups/backup-settings';
import { beginBackupRun } from '../../src/backups/begin-backup-run';
import type { FakeClock } from '../../src/clock';
import { ErrorCode, LifeboatError } from '../../src/errors';
import type { LifeboatDeps } from '../../src/lifeboat-deps';
import { testRedis } from '../support/redis-prefix';
import { ORDERS, SHOP_DB } from './support/backup-fixtures';
import { fakeClockBackupDeps } from './support/fake-clock-backup-deps';
import { scriptedBackupPort } from './support/scripted-backup-port';

const POLL_MS = 100;
const RESTORED_DB = 'arn:aws:rds:eu-central-1:111122223333:db:shop-restored';

describe('a backup run, pass by pass (scripted AWS, fake clock)', () => {
  const redis = testRedis();
  let deps: LifeboatDeps;
  let clock: FakeClock;
  let aws: ReturnType<typeof scriptedBackupPort>;
  let close: () => Promise<void>;

  beforeEach(() => {
    aws = scriptedBackupPort();
    ({ deps, clock, close } = fakeClockBackupDeps(redis, 'bk-adv', {
      aws: aws.aws,
      pollMs: POLL_MS,
    }));
  });
  afterEach(() => close());
  afterAll(() => redis.disconnect());

  async function begin(environment = 'shop-prod'): Promise<BackupRun> {
    const begun = await beginBackupRun(deps, {
      runId: `run-${environment}`,
      environment,
      marker: deps.backupsInFlight,
      isRunAlive: () => Promise.resolve(true),
    });
    if (begun.kind !== 'begun') throw new Error(begun.reason);
    return begun.run;
  }

  function pass(run: BackupRun, settings: Partial<BackupSettings> = {}): Promise<AdvanceResult> {
    return advanceBackupRun(deps, {
      run,
      outcomes: deps.jobOutcomes,
      settings: { ...DEFAULT_BACKUP_SETTINGS, ...settings },
      maxRunMs: 4 * 3_600_000,
    });
  }

  it('backs up what serves now and copies to where the environment is protected now', async () => {
    await deps.environments.put({
      environment: 'shop-prod',
      activeRegion: 'eu-central-1',
      protectionRegion: 'eu-west-1',
      resources: { [SHOP_DB]: RESTORED_DB, [ORDERS]: ORDERS },
      updatedAt: clock.now().toISO() ?? '',
    });
    let result = await pass(await begin());
    expect(
      aws.starts.map((s) => [s.op, s.region, s.input['resourceArn'], s.input['vaultName']]),
    ).toEqual([
      ['backup', 'eu-central-1', RESTORED_DB, 'shop-prod-dr'],
      ['backup', 'eu-central-1', ORDERS, 'shop-prod-dr'],
    ]);
    aws.end('backup', 'COMPLETED');
    result = await pass(result.run);
    const copies = aws.starts.filter((s) => s.op === 'copy');
    expect(copies.map((s) => [s.region, s.input['destinationVaultArn']])).toEqual([
      ['eu-central-1', 'arn:aws:backup:eu-west-1:111122223333:backup-vault:shop-prod'],
      ['eu-central-1', 'arn:aws:backup:eu-west-1:111122223333:backup-vault:shop-prod'],
    ]);
    aws.end('copy', 'COMPLETED');
    result = await pass(result.run);
    expect(result.kind).toBe('settled');
    expect(result.run.resources.map((r) => r.step)).toEqual(['done', 'done']);
  });

  it('polls a saved job instead of starting another, and a repeated start carries the same token', async () => {
    const run = await begin();
    const first = await pass(run);
    expect(first).toMatchObject({ kind: 'wait', delayMs: POLL_MS });
    // A crash before the progress was saved: the same pass runs again with the same tokens.
    const again = await pass(run);
    // The tokens are Lifeboat's part; that AWS answers a known token with its job is the
    // script's (and the emulator's, in worker-crash.test.ts).
    const tokens = (calls: typeof aws.starts) => calls.map((s) => s.input['idempotencyToken']);
    expect(aws.starts).toHaveLength(4);
    expect(tokens(aws.starts.slice(2))).toEqual(tokens(aws.starts.slice(0, 2)));
    expect(again.run.resources.map((r) => r.backupJobId)).toEqual(
      first.run.resources.map((r) => r.backupJobId),
    );
    expect(aws.jobs.size).toBe(2);
    // With the progress saved, nothing is started again: only DescribeBackupJob.
    const starts = aws.starts.length;
    await pass(first.run);
    expect(aws.starts.length).toBe(starts);
  });

  it('keeps at most resourceConcurrency resources at work', async () => {
    let result = await pass(await begin(), { resourceConcurrency: 1 });
    expect(aws.starts).toHaveLength(1);
    result = await pass(result.run, { resourceConcurrency: 1 });
    expect(aws.starts).toHaveLength(1);
    aws.end('backup', 'COMPLETED');
    result = await pass(result.run, { resourceConcurrency: 1 });
    aws.end('copy', 'COMPLETED');
    result = await pass(result.run, { resourceConcurrency: 1 });
    expect(aws.starts.map((s) => s.op)).toEqual(['backup', 'copy', 'backup']);
    expect(result.run.resources.map((r) => r.step)).toEqual(['done', 'backing-up']);
  });

  it('retries a failed backup with a new token after a backoff, then gives up with AWS message', async () => {
    let result = await pass(await begin(), { maxAttempts: 2 });
    aws.end('backup', 'FAILED', 'Backup job failed: the DB instance is not in an available state');
    result = await pass(result.run, { maxAttempts: 2 });
    const [db] = result.run.resources;
    expect(db).toMatchObject({ step: 'pending', backupAttempt: 1 });
    expect(result).toMatchObject({ kind: 'wait', delayMs: 2 * POLL_MS });
    // Not before the backoff.
    result = await pass(result.run, { maxAttempts: 2 });
    expect(aws.starts).toHaveLength(2);
    clock.advance({ milliseconds: 2 * POLL_MS });
    result = await pass(result.run, { maxAttempts: 2 });
    expect(aws.starts).toHaveLength(4);
    const tokens = aws.starts
      .filter((s) => s.input['resourceArn'] === SHOP_DB)
      .map((s) => s.input['idempotencyToken']);
    expect(new Set(tokens).size).toBe(2);
    aws.end('backup', 'ABORTED', 'Backup job aborted by AWS');
    result = await pass(result.run, { maxAttempts: 2 });
    expect(result.kind).toBe('settled');
    expect(result.run.resources[0]).toMatchObject({ step: 'failed', failedKind: 'backup' });
    expect(result.run.resources[0]?.message).toContain(
      'ABORTED: Backup job aborted by AWS (attempt 2 of 2)',
    );
    const outcomes = await deps.jobOutcomes.all('shop-prod');
    expect(outcomes[SHOP_DB]).toMatchObject({ kind: 'backup', state: 'ABORTED' });
  });

  it('backs off on throttling, doubling the wait, and carries on when AWS answers again', async () => {
    const throttled = () =>
      new LifeboatError(ErrorCode.AwsThrottled, 'AWS throttled backup:DescribeBackupJob', {
        retryable: true,
      });
    let result = await pass(await begin());
    aws.failNextCalls(throttled(), throttled());
    result = await pass(result.run);
    expect(result).toMatchObject({ kind: 'wait', delayMs: 2 * POLL_MS });
    clock.advance({ milliseconds: 2 * POLL_MS });
    aws.failNextCalls(throttled(), throttled());
    result = await pass(result.run);
    expect(result).toMatchObject({ kind: 'wait', delayMs: 4 * POLL_MS });
    clock.advance({ milliseconds: 4 * POLL_MS });
    aws.end('backup', 'COMPLETED');
    result = await pass(result.run);
    expect(result.run.resources.map((r) => [r.step, r.errorStreak])).toEqual([
      ['copying', 0],
      ['copying', 0],
    ]);
  });

  it('gives a resource up at once when AWS refuses for good (access denied)', async () => {
    aws.failNextCalls(
      new LifeboatError(
        ErrorCode.AwsAccessDenied,
        'AWS denied backup:StartBackupJob: the Lifeboat role needs it',
      ),
    );
    const result = await pass(await begin());
    expect(result.run.resources[0]).toMatchObject({ step: 'failed', failedKind: 'backup' });
    expect(result.run.resources[1]).toMatchObject({ step: 'backing-up' });
  });

  it('stops waiting for a job stuck past the run limit', async () => {
    let result = await pass(await begin());
    aws.end('backup', 'COMPLETED');
    result = await pass(result.run);
    clock.advance({ hours: 4, minutes: 1 });
    result = await pass(result.run);
    expect(result.kind).toBe('settled');
    expect(result.run.resources.map((r) => r.failedKind)).toEqual(['copy', 'copy']);
    expect(result.run.resources[0]?.message).toContain('still CREATED after 4h');
  });
});
