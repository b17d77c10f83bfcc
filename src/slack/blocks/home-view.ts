import type { DateTime } from 'luxon';
import type { EnvironmentStatus } from '../../approval/read-environment-status';
import { toIso } from '../../core/to-iso';
import type { HomeView, KnownBlock } from './block-types';
import { context, divider, header, section, slackDate } from './mrkdwn';
import { statusText } from './status-blocks';

/** The App Home: every environment's status, as `/dr status` shows it. */
export function homeView(statuses: readonly EnvironmentStatus[], now: DateTime): HomeView {
  const blocks: KnownBlock[] = [header('Lifeboat: disaster recovery')];
  for (const status of statuses) {
    blocks.push(section(statusText(status, now)), divider);
  }
  if (statuses.length === 0) blocks.push(section('No environments are configured.'));
  blocks.push(context(`As of ${slackDate(toIso(now))}. Commands: \`/dr help\``));
  return { type: 'home', blocks: blocks.slice(0, 100) };
}
