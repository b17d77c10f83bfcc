import type { AwsJob, AwsJobState } from '../../../src/core/types';
import type { LifeboatError } from '../../../src/errors';
import { backupOnlyPorts } from './backup-only-ports';

export interface StartCall {
  op: 'backup' | 'copy';
  region: string;
  input: Record<string, string>;
}

/**
 * AWS Backup as a script: jobs stay CREATED until the test ends them; a token already used
 * returns its job, as AWS does; calls can be made to throw.
 */
export function scriptedBackupPort() {
  const starts: StartCall[] = [];
  const jobs = new Map<string, AwsJob>();
  const byToken = new Map<string, string>();
  const failures: LifeboatError[] = [];
  let seq = 0;

  function start(op: 'backup' | 'copy', region: string, input: Record<string, string>) {
    starts.push({ op, region, input });
    const failure = failures.shift();
    if (failure) return Promise.reject(failure);
    const token = `${region}|${op}|${input['idempotencyToken'] ?? ''}`;
    const known = byToken.get(token);
    if (known) return Promise.resolve({ jobId: known });
    seq += 1;
    const jobId = `${op}-${seq}`;
    byToken.set(token, jobId);
    jobs.set(jobId, {
      kind: op,
      jobId,
      region,
      state: 'CREATED',
      resourceArn: input['resourceArn'] ?? input['recoveryPointArn'] ?? '',
      createdAt: new Date(0).toISOString(),
      ...(op === 'copy' ? { recoveryPointArn: input['recoveryPointArn'] ?? '' } : {}),
    });
    return Promise.resolve({ jobId });
  }

  function describe(jobId: string): Promise<AwsJob> {
    const failure = failures.shift();
    if (failure) return Promise.reject(failure);
    const job = jobs.get(jobId);
    return job ? Promise.resolve({ ...job }) : Promise.reject(new Error(`no job ${jobId}`));
  }

  const aws = backupOnlyPorts('not used by backup runs', {
    startBackupJob: (region, input) => start('backup', region, input),
    describeBackupJob: (_region, jobId) => describe(jobId),
    startCopyJob: (region, input) => start('copy', region, input),
    describeCopyJob: (_region, jobId) => describe(jobId),
    listRecoveryPoints: () => Promise.resolve([]),
  });

  return {
    starts,
    jobs,
    aws,
    /** The next calls (start or describe) throw these, in order. */
    failNextCalls: (...errors: LifeboatError[]) => failures.push(...errors),
    /** Ends every job of `op` that is not ended yet. */
    end(op: 'backup' | 'copy', state: AwsJobState, statusMessage?: string) {
      for (const job of jobs.values()) {
        if (job.kind !== op || job.state !== 'CREATED') continue;
        job.state = state;
        if (statusMessage !== undefined) job.statusMessage = statusMessage;
        if (state === 'COMPLETED') {
          if (op === 'backup') job.recoveryPointArn = `rp-of-${job.jobId}`;
          else job.destinationRecoveryPointArn = `copy-of-${job.jobId}`;
        }
      }
    },
  };
}
