import type { AuditChainEnd, AuditChainReport } from './verify-audit-chain';

function end(point: AuditChainEnd): string {
  return point.at ? `${point.at} (${point.id})` : point.id;
}

/** One line for people: `chain intact: N entries from … to …`, or the first entry that does not match. */
export function formatAuditChainReport(report: AuditChainReport): string {
  if (!report.intact) {
    const { problem } = report;
    return `chain broken at ${end(problem)}: ${problem.kind}: ${problem.message} (${report.entries} entries before it verified)`;
  }
  const span =
    report.first && report.last
      ? `${report.entries} ${report.entries === 1 ? 'entry' : 'entries'} from ${end(report.first)} to ${end(report.last)}`
      : `${report.entries} entries`;
  const notes = [
    ...(report.anchor
      ? [`anchored at ${end(report.anchor)}, the newest entry retention removed`]
      : []),
    ...(report.legacy > 0
      ? [`${report.legacy} older entries predate the chain and are not covered`]
      : []),
    ...(report.head ? [`head ${report.head.hash}`] : []),
  ];
  return `chain intact: ${span}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`;
}
