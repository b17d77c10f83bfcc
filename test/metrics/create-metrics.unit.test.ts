import { createMetrics } from '../../src/metrics/create-metrics';
import { createMemoryExposureStore } from '../../src/store/memory/exposure-store';
import { createMemoryMetricCounters } from '../../src/store/memory/metric-counters';
import { backupConfigYaml } from '../backups/support/backup-fixtures';
import { bareExposure } from '../ports/contracts/exposure-store-contract';
import { configFrom } from '../support/harness';

describe('/metrics', () => {
  it('reads exposure, targets, operation ends and job durations from the stores at scrape time', async () => {
    const exposures = createMemoryExposureStore();
    const counters = createMemoryMetricCounters();
    const config = configFrom(backupConfigYaml());
    const metrics = createMetrics({ exposures, counters }, () => config);

    await exposures.put({ ...bareExposure('shop-prod'), worstExposureMs: 5_400_000 });
    await exposures.put(bareExposure('intranet-prod'));
    await counters.countOperation('failover', 'succeeded');
    await counters.countOperation('failover', 'succeeded');
    await counters.countOperation('drill', 'cancelled');
    await counters.recordJobDuration('operations', 1.5);
    await counters.recordJobDuration('operations', 2.25);
    await counters.recordJobDuration('backups', 60);

    const ours = (await metrics.render())
      .split('\n')
      .filter((line) => line !== '' && !line.includes('lifeboat_process_'));
    expect(ours).toEqual([
      '# HELP lifeboat_rpo_exposure_seconds Age of the newest recovery point copied to the recovery region, worst resource per environment',
      '# TYPE lifeboat_rpo_exposure_seconds gauge',
      'lifeboat_rpo_exposure_seconds{environment="shop-prod"} 5400',
      '# HELP lifeboat_rpo_target_seconds RPO target per environment',
      '# TYPE lifeboat_rpo_target_seconds gauge',
      'lifeboat_rpo_target_seconds{environment="shop-prod"} 14400',
      'lifeboat_rpo_target_seconds{environment="intranet-prod"} 86400',
      '# HELP lifeboat_rto_target_seconds RTO target per environment',
      '# TYPE lifeboat_rto_target_seconds gauge',
      'lifeboat_rto_target_seconds{environment="shop-prod"} 86400',
      'lifeboat_rto_target_seconds{environment="intranet-prod"} 172800',
      '# HELP lifeboat_operations_total Operations by kind and outcome',
      '# TYPE lifeboat_operations_total counter',
      'lifeboat_operations_total{kind="failover",outcome="succeeded"} 2',
      'lifeboat_operations_total{kind="drill",outcome="cancelled"} 1',
      '# HELP lifeboat_job_duration_seconds_sum Total seconds spent in jobs, per queue',
      '# TYPE lifeboat_job_duration_seconds_sum counter',
      'lifeboat_job_duration_seconds_sum{queue="operations"} 3.75',
      'lifeboat_job_duration_seconds_sum{queue="backups"} 60',
      '# HELP lifeboat_job_duration_seconds_count Jobs finished, per queue',
      '# TYPE lifeboat_job_duration_seconds_count counter',
      'lifeboat_job_duration_seconds_count{queue="operations"} 2',
      'lifeboat_job_duration_seconds_count{queue="backups"} 1',
      '# HELP lifeboat_job_last_duration_seconds Duration of the last finished job, per queue',
      '# TYPE lifeboat_job_last_duration_seconds gauge',
      'lifeboat_job_last_duration_seconds{queue="operations"} 2.25',
      'lifeboat_job_last_duration_seconds{queue="backups"} 60',
      '# HELP lifeboat_redis_up 1 when Redis answered this scrape within its deadline; 0 when it did not, and the values kept in Redis (RPO exposure, operations, job durations) are absent from it',
      '# TYPE lifeboat_redis_up gauge',
      'lifeboat_redis_up 1',
    ]);
  });

  it('shows what the stores hold now, not what an earlier scrape saw', async () => {
    const exposures = createMemoryExposureStore();
    const config = configFrom(backupConfigYaml());
    const metrics = createMetrics(
      { exposures, counters: createMemoryMetricCounters() },
      () => config,
    );
    await exposures.put({ ...bareExposure('shop-prod'), worstExposureMs: 60_000 });
    expect(await metrics.render()).toContain(
      'lifeboat_rpo_exposure_seconds{environment="shop-prod"} 60',
    );
    await exposures.put(bareExposure('shop-prod'));
    expect(await metrics.render()).not.toContain('lifeboat_rpo_exposure_seconds{');
  });

  it('answers within its deadline when Redis does not, with what it has and the rest marked absent', async () => {
    const never = () => new Promise<never>(() => undefined);
    const config = configFrom(backupConfigYaml());
    const metrics = createMetrics(
      {
        exposures: { ...createMemoryExposureStore(), get: never },
        counters: { ...createMemoryMetricCounters(), operationCounts: never, jobDurations: never },
      },
      () => config,
      { deadlineMs: 30 },
    );
    const text = await metrics.render();
    expect(text).toContain('lifeboat_rpo_target_seconds{environment="shop-prod"} 14400');
    expect(text).toContain('lifeboat_process_process_resident_memory_bytes');
    expect(text).toContain('lifeboat_redis_up 0');
    expect(text).not.toContain('lifeboat_rpo_exposure_seconds{');
    expect(text).not.toContain('lifeboat_operations_total{');
    expect(text).not.toContain('lifeboat_job_duration_seconds_count{');
  });

  it('marks the scrape when one read fails, and keeps the values that came', async () => {
    const exposures = createMemoryExposureStore();
    await exposures.put({ ...bareExposure('shop-prod'), worstExposureMs: 60_000 });
    const config = configFrom(backupConfigYaml());
    const metrics = createMetrics(
      {
        exposures,
        counters: {
          ...createMemoryMetricCounters(),
          jobDurations: () => Promise.reject(new Error('stored record cannot be read')),
        },
      },
      () => config,
    );
    const text = await metrics.render();
    expect(text).toContain('lifeboat_rpo_exposure_seconds{environment="shop-prod"} 60');
    expect(text).toContain('lifeboat_redis_up 0');
  });
});
