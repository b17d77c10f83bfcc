import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Config, EnvironmentConfig } from '../config/config';
import type { ExposureStore } from '../store/exposure-store';
import type { MetricCounters, QueueJobDurations } from '../store/metric-counters';

/**
 * Prometheus metrics. Values that any process may produce (exposure, operation outcomes, job
 * durations) are kept in Redis and read at scrape time, so the bot's /metrics is right even when
 * the work runs in separate worker processes.
 */
export interface LifeboatMetrics {
  registry: Registry;
  render(): Promise<string>;
  contentType: string;
}

/** One value of a metric, for one set of labels. */
interface Sample<L extends string> {
  labels: Record<L, string>;
  value: number;
}

/**
 * A metric read afresh at each scrape: its samples replace whatever the last scrape saw. A
 * counter's samples are totals kept elsewhere (added, so two of one label set sum); a gauge's
 * are set.
 */
function scrapedMetric<L extends string>(
  registry: Registry,
  type: 'gauge' | 'counter',
  spec: {
    name: string;
    help: string;
    labelNames: readonly L[];
    samples: () => Promise<Sample<L>[]> | Sample<L>[];
  },
): void {
  const { name, help, labelNames, samples } = spec;
  const common = { name, help, labelNames, registers: [registry] };
  if (type === 'gauge') {
    new Gauge<L>({
      ...common,
      async collect() {
        this.reset();
        for (const { labels, value } of await samples()) this.set(labels, value);
      },
    });
  } else {
    new Counter<L>({
      ...common,
      async collect() {
        this.reset();
        for (const { labels, value } of await samples()) this.inc(labels, value);
      },
    });
  }
}

export function createMetrics(
  stores: { exposures: ExposureStore; counters: MetricCounters },
  getConfig: () => Config,
): LifeboatMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'lifeboat_process_' });

  const perEnvironment = (seconds: (env: EnvironmentConfig) => number) => () =>
    Object.entries(getConfig().environments).map(([environment, env]) => ({
      labels: { environment },
      value: seconds(env),
    }));
  const perQueue = (part: keyof Omit<QueueJobDurations, 'queue'>) => async () =>
    (await stores.counters.jobDurations()).flatMap((durations) => {
      const value = durations[part];
      return value === undefined ? [] : [{ labels: { queue: durations.queue }, value }];
    });

  scrapedMetric(registry, 'gauge', {
    name: 'lifeboat_rpo_exposure_seconds',
    help: 'Age of the newest recovery point copied to the recovery region, worst resource per environment',
    labelNames: ['environment'],
    async samples() {
      const samples: Sample<'environment'>[] = [];
      for (const environment of Object.keys(getConfig().environments)) {
        const worstMs = (await stores.exposures.get(environment))?.worstExposureMs;
        if (typeof worstMs === 'number') {
          samples.push({ labels: { environment }, value: worstMs / 1000 });
        }
      }
      return samples;
    },
  });
  scrapedMetric(registry, 'gauge', {
    name: 'lifeboat_rpo_target_seconds',
    help: 'RPO target per environment',
    labelNames: ['environment'],
    samples: perEnvironment((env) => env.rpoMs / 1000),
  });
  scrapedMetric(registry, 'gauge', {
    name: 'lifeboat_rto_target_seconds',
    help: 'RTO target per environment',
    labelNames: ['environment'],
    samples: perEnvironment((env) => env.rtoMs / 1000),
  });
  scrapedMetric(registry, 'counter', {
    name: 'lifeboat_operations_total',
    help: 'Operations by kind and outcome',
    labelNames: ['kind', 'outcome'],
    samples: async () =>
      (await stores.counters.operationCounts()).map(({ kind, outcome, count }) => ({
        labels: { kind, outcome },
        value: count,
      })),
  });
  scrapedMetric(registry, 'counter', {
    name: 'lifeboat_job_duration_seconds_sum',
    help: 'Total seconds spent in jobs, per queue',
    labelNames: ['queue'],
    samples: perQueue('sumSeconds'),
  });
  scrapedMetric(registry, 'counter', {
    name: 'lifeboat_job_duration_seconds_count',
    help: 'Jobs finished, per queue',
    labelNames: ['queue'],
    samples: perQueue('count'),
  });
  scrapedMetric(registry, 'gauge', {
    name: 'lifeboat_job_last_duration_seconds',
    help: 'Duration of the last finished job, per queue',
    labelNames: ['queue'],
    samples: perQueue('lastSeconds'),
  });

  return { registry, render: () => registry.metrics(), contentType: registry.contentType };
}
