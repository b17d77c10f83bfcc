import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Config, EnvironmentConfig } from '../config/config';
import { ErrorCode, LifeboatError } from '../errors';
import type { Logger } from '../logger';
import type { ExposureStore } from '../store/exposure-store';
import type { MetricCounters, OperationCount, QueueJobDurations } from '../store/metric-counters';

/**
 * Prometheus metrics. Values that any process may produce (exposure, operation outcomes, job
 * durations) are kept in Redis and read at scrape time, so the bot's /metrics is right even when
 * the work runs in separate worker processes. Those reads get `deadlineMs` together: a scrape
 * always answers with the process metrics and the configuration's targets, and what Redis did
 * not give in time is absent from it, with `lifeboat_redis_up 0` saying so.
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

/** How long a scrape waits for Redis, in all, by default. */
export const METRICS_REDIS_DEADLINE_MS = 1_000;

/** What one scrape read from Redis; a part that did not come in time, or failed, is absent. */
interface RedisValues {
  exposures: Map<string, number | undefined>;
  operations?: OperationCount[];
  jobs?: QueueJobDurations[];
  /** Every read answered within the deadline. */
  complete: boolean;
}

const NO_VALUES: RedisValues = { exposures: new Map(), complete: false };

export function createMetrics(
  stores: { exposures: ExposureStore; counters: MetricCounters },
  getConfig: () => Config,
  options: { deadlineMs?: number; logger?: Logger } = {},
): LifeboatMetrics {
  const deadlineMs = options.deadlineMs ?? METRICS_REDIS_DEADLINE_MS;
  // A record that cannot be read is worth a line; Redis being away is what lifeboat_redis_up says.
  const failed = (error: unknown) => {
    if (error instanceof LifeboatError && error.code === ErrorCode.StoredRecordInvalid) {
      options.logger?.warn({ err: error }, 'a value behind /metrics cannot be read');
    }
    return undefined;
  };
  /** `promise`'s value, or undefined once `deadline` has passed or when it fails. */
  const within = <T>(promise: Promise<T>, deadline: Promise<void>): Promise<T | undefined> =>
    Promise.race([promise.catch(failed), deadline.then(() => undefined)]);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'lifeboat_process_' });
  // What this scrape read, for the collectors below; replaced at each render.
  let values: RedisValues = NO_VALUES;

  const readRedis = async (): Promise<RedisValues> => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, deadlineMs)));
    const environments = Object.keys(getConfig().environments);
    let complete = true;
    const answered = <T>(value: T | undefined): T | undefined => {
      if (value === undefined) complete = false;
      return value;
    };
    // A missing record is an answer too: wrapped, so that undefined means no answer.
    const exposure = (environment: string) =>
      within(
        stores.exposures.get(environment).then((stored) => ({ worstMs: stored?.worstExposureMs })),
        deadline,
      );
    try {
      const [exposures, operations, jobs] = await Promise.all([
        Promise.all(environments.map(exposure)),
        within(stores.counters.operationCounts(), deadline),
        within(stores.counters.jobDurations(), deadline),
      ]);
      const byEnvironment = new Map<string, number | undefined>();
      environments.forEach((environment, i) => {
        const read = answered(exposures[i]);
        if (read) byEnvironment.set(environment, read.worstMs);
      });
      const ops = answered(operations);
      const durations = answered(jobs);
      return {
        exposures: byEnvironment,
        ...(ops ? { operations: ops } : {}),
        ...(durations ? { jobs: durations } : {}),
        complete,
      };
    } finally {
      clearTimeout(timer);
    }
  };

  const perEnvironment = (seconds: (env: EnvironmentConfig) => number) => () =>
    Object.entries(getConfig().environments).map(([environment, env]) => ({
      labels: { environment },
      value: seconds(env),
    }));
  const perQueue = (part: keyof Omit<QueueJobDurations, 'queue'>) => () =>
    (values.jobs ?? []).flatMap((durations) => {
      const value = durations[part];
      return value === undefined ? [] : [{ labels: { queue: durations.queue }, value }];
    });

  scrapedMetric(registry, 'gauge', {
    name: 'lifeboat_rpo_exposure_seconds',
    help: 'Age of the newest recovery point copied to the recovery region, worst resource per environment',
    labelNames: ['environment'],
    samples() {
      const samples: Sample<'environment'>[] = [];
      for (const [environment, worstMs] of values.exposures) {
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
    samples: () =>
      (values.operations ?? []).map(({ kind, outcome, count }) => ({
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

  scrapedMetric(registry, 'gauge', {
    name: 'lifeboat_redis_up',
    help: '1 when Redis answered this scrape within its deadline; 0 when it did not, and the values kept in Redis (RPO exposure, operations, job durations) are absent from it',
    labelNames: [],
    samples: () => [{ labels: {}, value: values.complete ? 1 : 0 }],
  });

  return {
    registry,
    async render() {
      values = await readRedis();
      return registry.metrics();
    },
    contentType: registry.contentType,
  };
}
