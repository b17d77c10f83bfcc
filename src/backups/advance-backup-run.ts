import { idempotencyToken } from '../core/idempotency-token';
import { isoNow } from '../clock';
import { formatDurationMs } from '../core/format-duration';
import { TERMINAL_JOB_STATES, type AwsJob } from '../core/types';
import { asLifeboatError } from '../errors';
import type { LifeboatDeps } from '../lifeboat-deps';
import { backoffMs, type BackupSettings } from './backup-settings';
import { isSettled, ResourceStep, type BackupRun, type ResourceProgress } from './backup-run';
import type { JobOutcomes } from '../store/job-outcomes';
import { mapBounded } from './map-bounded';

export type AdvanceResult =
  { kind: 'wait'; run: BackupRun; delayMs: number } | { kind: 'settled'; run: BackupRun };

/**
 * One pass over a run: polls the AWS jobs in flight, starts what is due (at most
 * `resourceConcurrency` resources at work), retries failed jobs with a new token, and says when
 * to look again. Never waits for AWS itself. A job id already saved is polled, never started
 * again; a Start* repeated after a crash carries the same idempotency token, so AWS answers with
 * the job it already started.
 */
export async function advanceBackupRun(
  deps: LifeboatDeps,
  input: { run: BackupRun; outcomes: JobOutcomes; settings: BackupSettings; maxRunMs: number },
): Promise<AdvanceResult> {
  const { settings, outcomes } = input;
  const run: BackupRun = { ...input.run, resources: input.run.resources.map((r) => ({ ...r })) };
  const nowMs = deps.clock.now().toMillis();

  const step = createResourceStepper(deps, run, outcomes, settings);
  const isFresh = (r: ResourceProgress) => r.step === ResourceStep.Pending && r.backupAttempt === 0;
  const isDue = (r: ResourceProgress) =>
    !isSettled(r) && (r.notBeforeMs === undefined || r.notBeforeMs <= nowMs);
  // First the resources at work (a finished one frees its slot), then new ones in the free slots.
  await mapBounded(
    run.resources.filter((r) => isDue(r) && !isFresh(r)),
    settings.resourceConcurrency,
    step,
  );
  const busy = run.resources.filter((r) => !isSettled(r) && !isFresh(r)).length;
  const fresh = run.resources
    .filter((r) => isDue(r) && isFresh(r))
    .slice(0, Math.max(0, settings.resourceConcurrency - busy));
  await mapBounded(fresh, settings.resourceConcurrency, step);

  if (nowMs - Date.parse(run.startedAt) > input.maxRunMs) {
    for (const r of run.resources.filter((res) => !isSettled(res))) {
      await giveUp(
        { deps, run, outcomes },
        r,
        'GAVE_UP',
        `still ${r.lastState ?? r.step} after ${formatDurationMs(input.maxRunMs)}; the run stopped waiting`,
      );
    }
  }

  const open = run.resources.filter((r) => !isSettled(r));
  if (open.length === 0) return { kind: 'settled', run };
  const afterMs = deps.clock.now().toMillis();
  const waits = open.map((r) =>
    r.notBeforeMs !== undefined && r.notBeforeMs > afterMs ? r.notBeforeMs - afterMs : deps.pollMs,
  );
  return { kind: 'wait', run, delayMs: Math.max(1, Math.min(...waits)) };
}

/** Settles a resource as failed; the kind of job that failed follows from the step it was at. */
function fail(r: ResourceProgress, message: string): void {
  r.failedKind =
    r.step === ResourceStep.CopyPending || r.step === ResourceStep.Copying ? 'copy' : 'backup';
  r.step = ResourceStep.Failed;
  r.message = message;
  delete r.notBeforeMs;
}

/** Fails a resource that no AWS job's end settled, and records why for the RPO monitor. */
async function giveUp(
  ctx: { deps: LifeboatDeps; run: BackupRun; outcomes: JobOutcomes },
  r: ResourceProgress,
  state: 'GAVE_UP' | 'CALL_FAILED',
  message: string,
): Promise<void> {
  fail(r, message);
  await ctx.outcomes.record(ctx.run.environment, r.resourceArn, {
    kind: r.failedKind ?? 'backup',
    state,
    message,
    region: ctx.run.activeRegion,
    runId: ctx.run.runId,
    at: isoNow(ctx.deps.clock),
  });
}

function createResourceStepper(
  deps: LifeboatDeps,
  run: BackupRun,
  outcomes: JobOutcomes,
  settings: BackupSettings,
) {
  const backup = deps.aws.backup;
  const region = run.activeRegion;

  async function ended(r: ResourceProgress, job: AwsJob): Promise<void> {
    r.lastState = job.state;
    if (job.statusMessage !== undefined) r.message = job.statusMessage;
    else delete r.message;
    await outcomes.record(run.environment, r.resourceArn, {
      kind: job.kind === 'copy' ? 'copy' : 'backup',
      state: job.state,
      ...(job.statusMessage !== undefined ? { message: job.statusMessage } : {}),
      jobId: job.jobId,
      region,
      runId: run.runId,
      at: isoNow(deps.clock),
    });
  }

  /** A job ended other than COMPLETED: retry with a new attempt after a backoff, or give up. */
  function failedAttempt(r: ResourceProgress, kind: 'backup' | 'copy', job: AwsJob): void {
    const attempt = kind === 'backup' ? r.backupAttempt : r.copyAttempt;
    const why = `${kind} job ${job.jobId} ended ${job.state}${job.statusMessage ? `: ${job.statusMessage}` : ''}`;
    if (attempt >= settings.maxAttempts) {
      fail(r, `${why} (attempt ${attempt} of ${settings.maxAttempts})`);
      return;
    }
    r.message = why;
    r.notBeforeMs =
      deps.clock.now().toMillis() + backoffMs(deps.pollMs, attempt, settings.maxBackoffMs);
    if (kind === 'backup') {
      r.step = ResourceStep.Pending;
      delete r.backupJobId;
    } else {
      r.step = ResourceStep.CopyPending;
      delete r.copyJobId;
    }
  }

  async function startBackup(r: ResourceProgress): Promise<void> {
    const attempt = r.backupAttempt + 1;
    const { jobId } = await backup.startBackupJob(region, {
      vaultName: run.sourceVaultName,
      resourceArn: r.sourceArn,
      iamRoleArn: run.iamRoleArn,
      idempotencyToken: idempotencyToken(run.runId, `backup-${attempt}`, r.sourceArn),
    });
    r.backupAttempt = attempt;
    r.backupJobId = jobId;
    r.step = ResourceStep.BackingUp;
    r.lastState = 'CREATED';
  }

  async function startCopy(r: ResourceProgress): Promise<void> {
    const attempt = r.copyAttempt + 1;
    const { jobId } = await backup.startCopyJob(region, {
      sourceVaultName: run.sourceVaultName,
      recoveryPointArn: r.recoveryPointArn ?? '',
      destinationVaultArn: run.destinationVaultArn,
      iamRoleArn: run.iamRoleArn,
      idempotencyToken: idempotencyToken(run.runId, `copy-${attempt}`, r.sourceArn),
    });
    r.copyAttempt = attempt;
    r.copyJobId = jobId;
    r.step = ResourceStep.Copying;
    r.lastState = 'CREATED';
  }

  async function advance(r: ResourceProgress): Promise<void> {
    if (r.step === ResourceStep.Pending) {
      if (r.backupJobId === undefined) await startBackup(r);
      return;
    }
    if (r.step === ResourceStep.BackingUp && r.backupJobId !== undefined) {
      const job = await backup.describeBackupJob(region, r.backupJobId);
      r.lastState = job.state;
      if (!TERMINAL_JOB_STATES.includes(job.state)) return;
      await ended(r, job);
      if (job.state !== 'COMPLETED' || !job.recoveryPointArn) {
        failedAttempt(r, 'backup', job);
        return;
      }
      r.recoveryPointArn = job.recoveryPointArn;
      r.step = ResourceStep.CopyPending;
    }
    if (r.step === ResourceStep.CopyPending) {
      if (r.notBeforeMs !== undefined && r.notBeforeMs > deps.clock.now().toMillis()) return;
      if (r.copyJobId === undefined) await startCopy(r);
      return;
    }
    if (r.step === ResourceStep.Copying && r.copyJobId !== undefined) {
      const job = await backup.describeCopyJob(region, r.copyJobId);
      r.lastState = job.state;
      if (!TERMINAL_JOB_STATES.includes(job.state)) return;
      await ended(r, job);
      if (job.state !== 'COMPLETED') {
        failedAttempt(r, 'copy', job);
        return;
      }
      if (job.destinationRecoveryPointArn !== undefined) {
        r.destinationRecoveryPointArn = job.destinationRecoveryPointArn;
      }
      r.step = ResourceStep.Done;
    }
  }

  return async (r: ResourceProgress): Promise<void> => {
    try {
      await advance(r);
      r.errorStreak = 0;
      if (r.notBeforeMs !== undefined && r.notBeforeMs <= deps.clock.now().toMillis())
        delete r.notBeforeMs;
    } catch (thrown) {
      const error = asLifeboatError(thrown);
      r.errorStreak += 1;
      if (!error.retryable || r.errorStreak > settings.maxErrorStreak) {
        await giveUp({ deps, run, outcomes }, r, 'CALL_FAILED', error.message);
        return;
      }
      r.message = error.message;
      r.notBeforeMs =
        deps.clock.now().toMillis() + backoffMs(deps.pollMs, r.errorStreak, settings.maxBackoffMs);
      deps.logger.warn(
        {
          environment: run.environment,
          resourceArn: r.resourceArn,
          code: error.code,
          streak: r.errorStreak,
        },
        'backup step failed; backing off',
      );
    }
  };
}
