import type { CallJson } from '../emulator/emulator-state';
import type { StoredAuditEntry } from '../store/audit-log';
import type { TimelineEntry } from './game-day-log';

/** Calls worth a line: those that change AWS, and every failure. Polls and reads are noise. */
const CHANGES = /^(Start|Create|Delete|Change|Update|Put|Restore)/;

function shortArn(arn: string | undefined): string {
  if (!arn) return '';
  const tail = arn.split(':').slice(5).join(':');
  return ` ${tail || arn}`;
}

/** Merges what the page did, Lifeboat's audit log and the AWS calls into one timeline, newest first. */
export function buildTimeline(input: {
  gameDay: TimelineEntry[];
  audit: StoredAuditEntry[];
  calls: CallJson[];
  limit?: number;
}): TimelineEntry[] {
  const audit: TimelineEntry[] = input.audit.map((entry) => ({
    at: entry.at,
    source: 'audit',
    actor: entry.actor,
    text: entry.summary,
    ...(/refus|failed|failure|denied|denial|breach|expired/i.test(`${entry.type} ${entry.summary}`)
      ? { level: 'warn' as const }
      : {}),
  }));
  const calls: TimelineEntry[] = input.calls
    .filter((call) => call.status >= 400 || CHANGES.test(call.operation))
    .map((call) => ({
      at: call.at,
      source: 'aws',
      text:
        `${call.service}:${call.operation} ${call.region}${shortArn(call.resourceArn)}` +
        (call.status >= 400 ? ` → ${call.status} ${call.errorCode ?? ''}`.trimEnd() : ''),
      ...(call.status >= 400 ? { level: 'error' as const } : {}),
    }));
  return [...input.gameDay, ...audit, ...calls]
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .slice(0, input.limit ?? 300);
}
