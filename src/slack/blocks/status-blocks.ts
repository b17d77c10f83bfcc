import type { DateTime } from 'luxon';
import { formatDurationMs } from '../../core/format-duration';
import { FINAL_STATES } from '../../core/types';
import type { EnvironmentStatus } from '../../approval/read-environment-status';
import type { KnownBlock } from './block-types';
import { divider, mention, resourceLabel, section, slackDate } from './mrkdwn';

const EXPOSURE = {
  ok: ':large_green_circle:',
  'at-risk': ':large_yellow_circle:',
  breached: ':red_circle:',
  unprotected: ':red_circle:',
} as const;

/** One environment in a few lines: where it runs, RPO exposure, points, backups, drills, operation. */
export function statusText(status: EnvironmentStatus, now: DateTime): string {
  const { environment: env, state, exposure, running } = status;
  const lines = [
    `*${env.name}* — traffic in *${state.activeRegion}*${state.activeRegion !== env.primaryRegion ? ` (failed over from ${env.primaryRegion})` : ''}, protected into ${state.protectionRegion}`,
  ];
  const rpo = formatDurationMs(env.rpoMs);
  if (!exposure) {
    lines.push(`RPO exposure: not measured yet (target ${rpo})`);
  } else {
    const worst =
      exposure.worstExposureMs === undefined
        ? 'no recovery point'
        : formatDurationMs(exposure.worstExposureMs);
    const age = formatDurationMs(now.toMillis() - Date.parse(exposure.computedAt));
    lines.push(
      `${EXPOSURE[exposure.status]} RPO exposure: ${worst} of ${rpo} (${exposure.status}, measured ${age} ago)`,
    );
    const points = exposure.perResource.flatMap((r) => (r.newestPoint ? [r.newestPoint] : []));
    const newest = points.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
    lines.push(
      newest
        ? `Newest copied recovery point: ${slackDate(newest.createdAt)} (${resourceLabel(newest.resourceArn)}, ${exposure.region})`
        : `Newest copied recovery point: none in ${exposure.region}`,
    );
    const lacking = exposure.perResource.filter((r) => r.status !== 'ok');
    if (lacking.length > 0) {
      lines.push(
        lacking
          .map(
            (r) =>
              `  ◦ ${resourceLabel(r.resourceArn)}: ${r.exposureMs === undefined ? 'no point' : formatDurationMs(r.exposureMs)} (${r.status})`,
          )
          .join('\n'),
      );
    }
    const every = exposure.intervalMs ? ` (every ${formatDurationMs(exposure.intervalMs)})` : '';
    if (exposure.backupRunning) {
      const then = exposure.nextBackupAt
        ? `; next ${slackDate(exposure.nextBackupAt)}${every}`
        : '';
      lines.push(`Backup: running now${then}`);
    } else if (exposure.nextBackupAt) {
      lines.push(`Next backup: ${slackDate(exposure.nextBackupAt)}${every}`);
    } else {
      lines.push('Next backup: not scheduled yet');
    }
  }
  const drill = state.lastDrill;
  lines.push(
    drill
      ? `Last drill: ${drill.operationId} ${slackDate(drill.at)}, ${drill.outcome}${drill.rtoMs !== undefined ? `, RTO ${formatDurationMs(drill.rtoMs)} of ${formatDurationMs(env.rtoMs)}` : ''}${drill.worstDataLossMs !== undefined ? `, data loss ${formatDurationMs(drill.worstDataLossMs)}` : ''}`
      : `Last drill: none yet (RTO target ${formatDurationMs(env.rtoMs)}); \`/dr drill ${env.name}\``,
  );
  if (running && !FINAL_STATES.includes(running.state)) {
    lines.push(
      `Operation: ${running.kind} ${running.id}, ${running.state}, requested by ${mention(running.requestedBy)}`,
    );
  } else {
    lines.push('Operation: none running');
  }
  return lines.join('\n');
}

export function statusBlocks(statuses: readonly EnvironmentStatus[], now: DateTime): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  statuses.forEach((status, i) => {
    if (i > 0) blocks.push(divider);
    blocks.push(section(statusText(status, now)));
  });
  return blocks.slice(0, 50);
}
