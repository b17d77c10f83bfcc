import type { StoredAuditEntry } from '../../store/audit-log';
import type { KnownBlock } from './block-types';
import { context, mention, section, slackDate, userText } from './mrkdwn';

/**
 * The audit log, newest first, as lines grouped into sections of at most 3,000 characters. A
 * summary may hold what someone typed (a reason, a refused command), so it is shown as user text.
 */
export function historyBlocks(entries: readonly StoredAuditEntry[], scope: string): KnownBlock[] {
  if (entries.length === 0) return [section(`Nothing in the audit log for ${scope} yet.`)];
  const lines = entries.map(
    (e) =>
      `${slackDate(e.at)} ${mention(e.actor)} *${e.type}*${e.environment ? ` ${e.environment}` : ''}: ${userText(e.summary)}`,
  );
  const blocks: KnownBlock[] = [];
  let chunk = '';
  for (const line of lines) {
    if (chunk.length + line.length + 1 > 2900) {
      blocks.push(section(chunk));
      chunk = '';
    }
    chunk = chunk ? `${chunk}\n${line}` : line;
  }
  if (chunk) blocks.push(section(chunk));
  blocks.push(
    context(
      `${entries.length} entries for ${scope}, newest first. All of it: \`npm run audit -- --since 7d\``,
    ),
  );
  return blocks.slice(0, 50);
}
