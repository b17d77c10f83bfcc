import { performance } from 'node:perf_hooks';

export interface Measurement {
  /** Median of the samples, in milliseconds. */
  medianMs: number;
  p95Ms: number;
  samples: number;
}

/** Runs `fn` `samples` times after `warmup` runs and reports the median and p95 in ms. */
export async function measure(
  fn: () => Promise<unknown> | unknown,
  { samples = 50, warmup = 5 } = {},
): Promise<Measurement> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return fromSamples(times);
}

/** The median and p95 of samples taken one by one (an end-to-end run each). */
export function fromSamples(samples: readonly number[]): Measurement {
  if (samples.length === 0) throw new Error('no samples');
  const times = [...samples].sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { medianMs: at(0.5), p95Ms: at(0.95), samples: times.length };
}

/**
 * Runs `once` `warmup + samples` times, one after another, and keeps the results after the
 * warm-up: the samples of an end-to-end bench, each a run of its own.
 */
export async function sampleRuns<T>(
  once: () => Promise<T>,
  { samples, warmup }: { samples: number; warmup: number },
): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < warmup + samples; i++) {
    const result = await once();
    if (i >= warmup) results.push(result);
  }
  return results;
}

export interface BenchRow {
  name: string;
  /** What the figure is compared with, measured in the same run. */
  baseline: string;
  subjectMs: number;
  baselineMs: number;
  /** subject / baseline. */
  ratio: number;
  note?: string;
}

export function row(
  name: string,
  baseline: string,
  subject: Measurement,
  base: Measurement,
  note?: string,
): BenchRow {
  return {
    name,
    baseline,
    subjectMs: round(subject.medianMs),
    baselineMs: round(base.medianMs),
    ratio: round(subject.medianMs / Math.max(base.medianMs, 1e-6)),
    ...(note ? { note } : {}),
  };
}

export const round = (n: number) => Math.round(n * 1000) / 1000;
