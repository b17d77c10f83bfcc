import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchAckLatency } from './bench-ack-latency';
import { benchBackupToCopy } from './bench-backup-copy';
import { benchExposure } from './bench-exposure';
import { benchFailoverRto } from './bench-failover-rto';
import { benchVotes } from './bench-votes';
import type { BenchRow } from './measure';

/**
 * `npm run bench`: every figure is a ratio against a baseline measured in the same run on the
 * same machine, so results compare across machines. Prints a table and writes bench/results.json.
 */
async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const rows: BenchRow[] = [];
  const benches: [string, () => Promise<BenchRow | BenchRow[]>][] = [
    ['exposure', () => benchExposure()],
    ['votes', () => benchVotes()],
    ['ack latency', () => benchAckLatency()],
    ['failover RTO', () => benchFailoverRto()],
    ['backup to copy', () => benchBackupToCopy()],
  ];
  for (const [name, run] of benches) {
    try {
      const result = await run();
      rows.push(...(Array.isArray(result) ? result : [result]));
    } catch (error) {
      console.error(`bench ${name} failed: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  }
  console.table(
    rows.map((r) => ({
      bench: r.name,
      'median ms': r.subjectMs,
      baseline: r.baseline,
      'baseline ms': r.baselineMs,
      ratio: r.ratio,
    })),
  );
  mkdirSync(__dirname, { recursive: true });
  writeFileSync(
    join(__dirname, 'results.json'),
    `${JSON.stringify({ at: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`,
  );
}

main().then(
  () => process.exit(),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
