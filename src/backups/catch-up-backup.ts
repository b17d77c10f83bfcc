import { toIso } from '../core/to-iso';
import type { ExposureStatus } from '../core/rpo-exposure';
import type { LifeboatDeps } from '../lifeboat-deps';

/** At most one catch-up run per environment per this long (or twice a backup's duration). */
export const CATCH_UP_MIN_GAP_MS = 15 * 60_000;

/**
 * The schedule alone would miss the RPO target (at risk), or has (breached): a backup run is
 * queued now rather than at the next tick, once per gap, so a transient failure or a schedule
 * that drifted from the data does not become a breach while people read the alert. Not when a
 * run is in flight, nor when the protection region is dark (its copy could not land), nor for an
 * unprotected resource (its run's failure is already news; `/dr backup` retries it).
 */
export async function catchUpBackup(
  deps: LifeboatDeps,
  input: {
    environment: string;
    status: ExposureStatus;
    runInFlight: boolean;
    protectionRegionDark: boolean;
    expectedBackupDurationMs: number;
    reason: string;
  },
): Promise<boolean> {
  if (input.status !== 'at-risk' && input.status !== 'breached') return false;
  if (input.runInFlight || input.protectionRegionDark) return false;
  const gapMs = Math.max(CATCH_UP_MIN_GAP_MS, 2 * input.expectedBackupDurationMs);
  if (!(await deps.once.claim(`backup:catch-up:${input.environment}`, gapMs))) return false;
  const { jobId } = await deps.backupRuns.enqueue({
    environment: input.environment,
    trigger: 'schedule',
  });
  await deps.audit.append({
    type: 'backup',
    actor: 'lifeboat',
    at: toIso(deps.clock.now()),
    environment: input.environment,
    summary: `catch-up backup of ${input.environment} queued: RPO ${input.status}: ${input.reason}`,
    detail: { jobId, status: input.status },
  });
  return true;
}
