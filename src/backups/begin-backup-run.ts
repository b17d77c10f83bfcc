import { isoNow } from '../clock';
import { vaultArn } from '../config/resource-arn';
import { ErrorCode, LifeboatError } from '../errors';
import type { LifeboatDeps } from '../lifeboat-deps';
import { ResourceStep, type BackupRun } from './backup-run';
import type { InFlightMarker } from '../store/in-flight-marker';

export type BeginResult = { kind: 'begun'; run: BackupRun } | { kind: 'skipped'; reason: string };

/**
 * Starts a run of one environment, or says why not: an operation holds the environment (a
 * failover, failback or drill is moving it), or another run is in flight. The regions and ARNs
 * come from the environment's state, so after a failover the run backs up what serves now and
 * copies to where the environment is protected now. A run holding the marker whose job is gone
 * (failed after stalling, removed) is taken over, so a lost run never blocks the schedule.
 */
export async function beginBackupRun(
  deps: LifeboatDeps,
  input: {
    runId: string;
    environment: string;
    marker: InFlightMarker;
    isRunAlive: (runId: string) => Promise<boolean>;
  },
): Promise<BeginResult> {
  const { environment, marker, runId } = input;
  const env = deps.config.current().environments[environment];
  if (!env) {
    throw new LifeboatError(
      ErrorCode.NotFound,
      `environment ${environment} is not in the configuration; nothing to back up`,
    );
  }
  const holder = await deps.locks.holder(environment);
  if (holder !== undefined) {
    return {
      kind: 'skipped',
      reason: `operation ${holder} holds ${environment} (a failover, failback or drill is using it); the next backup runs after it ends`,
    };
  }

  const state = await deps.environments.get(environment);
  const sourceVaultName = env.backup.vaults[state.activeRegion];
  const destinationVaultName = env.backup.vaults[state.protectionRegion];
  if (!sourceVaultName || !destinationVaultName) {
    const missing = sourceVaultName ? state.protectionRegion : state.activeRegion;
    throw new LifeboatError(
      ErrorCode.ConfigInvalid,
      `environments.${environment}.backup.vaults has no vault for ${missing}; add one to back up ${environment}`,
    );
  }

  const claimed = await marker.claim(environment, runId);
  if (!claimed.owned) {
    if (await input.isRunAlive(claimed.holder)) {
      return {
        kind: 'skipped',
        reason: `backup run ${claimed.holder} of ${environment} is still in flight`,
      };
    }
    deps.logger.warn(
      { environment, staleRun: claimed.holder, runId },
      'taking over a lost backup run',
    );
    if (!(await marker.takeOver(environment, claimed.holder, runId))) {
      return { kind: 'skipped', reason: `another backup run of ${environment} started just now` };
    }
  }

  return {
    kind: 'begun',
    run: {
      runId,
      environment,
      startedAt: isoNow(deps.clock),
      activeRegion: state.activeRegion,
      protectionRegion: state.protectionRegion,
      sourceVaultName,
      destinationVaultArn: vaultArn(state.protectionRegion, env.accountId, destinationVaultName),
      iamRoleArn: env.backup.roleArn,
      resources: env.resources.map((r) => ({
        resourceArn: r.arn,
        sourceArn: state.resources[r.arn] ?? r.arn,
        step: ResourceStep.Pending,
        backupAttempt: 0,
        copyAttempt: 0,
        errorStreak: 0,
      })),
    },
  };
}
