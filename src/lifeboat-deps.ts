import { createAuthorizer, type Authorizer, type GroupDirectory } from './approval/authorizer';
import type { Clock } from './clock';
import type { ConfigSource } from './config/config-source';
import type { Infra } from './create-infra';
import type { EventBus } from './events/event-bus';
import type { Logger } from './logger';
import type { BackupPort } from './ports/backup-port';
import type { DnsPort } from './ports/dns-port';
import type { HealthPort } from './ports/health-port';
import type { ResourceDeleterPort } from './ports/resource-deleter-port';
import type { BackupRuns } from './ports/backup-runs';
import type { BackupSchedules } from './ports/backup-schedules';
import type { DrillSchedules } from './ports/drill-schedules';
import type { ExpiryScheduler } from './ports/expiry-scheduler';
import type { OperationRuns } from './ports/operation-runs';
import { createBackupRuns } from './queue/backup-runs';
import { createBackupSchedules } from './queue/backup-schedules';
import { createDrillSchedules } from './queue/drill-schedules';
import { createExpiryScheduler } from './queue/expiry-scheduler';
import { createOperationRuns } from './queue/operation-runs';
import { createAuditLog, type AuditLog } from './store/audit-log';
import { createEnvironmentLock, type EnvironmentLock } from './store/environment-lock';
import {
  createEnvironmentStateStore,
  type EnvironmentStateStore,
} from './store/environment-state-store';
import { createOperationStore, type OperationStore } from './store/operation-store';
import { createExposureStore, type ExposureStore } from './store/exposure-store';
import { createInFlightMarker, type InFlightMarker } from './store/in-flight-marker';
import { createJobOutcomes, type JobOutcomes } from './store/job-outcomes';
import { createMetricCounters, type MetricCounters } from './store/metric-counters';
import { createObservedDurations, type ObservedDurations } from './store/observed-durations';
import { createOnceClaims, type OnceClaims } from './store/once-claims';
import { createRpoAlertState, type RpoAlertState } from './store/rpo-alert-state';
import { createEventBus } from './events/event-bus';

export interface AwsPorts {
  backup: BackupPort;
  dns: DnsPort;
  health: HealthPort;
  deleter: ResourceDeleterPort;
}

/** Everything a use case may need, built once at the composition root and passed down. */
export interface LifeboatDeps {
  /** The configuration in force: read `current()` once per request, step or round. */
  config: ConfigSource;
  clock: Clock;
  logger: Logger;
  /** How often AWS jobs and DNS changes are polled. */
  pollMs: number;
  aws: AwsPorts;
  operations: OperationStore;
  environments: EnvironmentStateStore;
  locks: EnvironmentLock;
  audit: AuditLog;
  events: EventBus;
  /** The latest RPO exposure per environment, for status and metrics. */
  exposures: ExposureStore;
  /** The RPO status last announced per environment. */
  rpoAlerts: RpoAlertState;
  /** The last backup or copy job outcome per resource. */
  jobOutcomes: JobOutcomes;
  /** Backup+copy durations per environment, for the schedule planner. */
  backupDurations: ObservedDurations;
  /** The backup run in flight per environment. */
  backupsInFlight: InFlightMarker;
  /** "Done once for this long" names: a finished operation, an announcement, a catch-up. */
  once: OnceClaims;
  /** The counters behind /metrics that every process adds to. */
  counters: MetricCounters;
  /** The runs of approved operations. */
  runs: OperationRuns;
  /** When requests nobody approved end. */
  expiries: ExpiryScheduler;
  /** Backup runs queued outside the schedule, and whether a run is still alive. */
  backupRuns: BackupRuns;
  /** Each environment's recurring backup run. */
  backupSchedules: BackupSchedules;
  /** Each environment's recurring drill request. */
  drillSchedules: DrillSchedules;
  /**
   * Who may request and approve, by the configuration's lists: user groups through the `groups`
   * directory the runtime was given (Slack's, with a bot token), else none. The executor asks it
   * again before an operation runs. The bot hands the commands its own, on the bot's client.
   */
  authorizer: Authorizer;
}

/** The use cases' dependencies, on `infra`'s Redis and queues. */
export function createLifeboatDeps(
  input: {
    config: ConfigSource;
    clock: Clock;
    logger: Logger;
    pollMs: number;
    aws: AwsPorts;
    /** User-group members, for `authorizer`; without it, groups authorise nobody. */
    groups?: GroupDirectory;
  },
  infra: Infra,
): LifeboatDeps {
  const { redis, keys, queues } = infra;
  const { groups, ...given } = input;
  const { clock } = given;
  const deps: LifeboatDeps = {
    ...given,
    operations: createOperationStore(redis, keys),
    environments: createEnvironmentStateStore(redis, keys, () => deps.config.current(), clock),
    locks: createEnvironmentLock(redis, keys),
    audit: createAuditLog(redis, keys, { clock }),
    events: createEventBus(redis, keys),
    exposures: createExposureStore(redis, keys),
    rpoAlerts: createRpoAlertState(redis, keys),
    jobOutcomes: createJobOutcomes(redis, keys),
    backupDurations: createObservedDurations(redis, keys),
    backupsInFlight: createInFlightMarker(redis, keys),
    once: createOnceClaims(redis, keys),
    counters: createMetricCounters(redis, keys),
    runs: createOperationRuns(queues.operations, input.pollMs),
    expiries: createExpiryScheduler(queues.expiry, clock),
    backupRuns: createBackupRuns(queues.backups),
    backupSchedules: createBackupSchedules(queues.backups, clock),
    drillSchedules: createDrillSchedules(queues.drills, clock),
    authorizer: createAuthorizer(() => deps.config.current(), groups),
  };
  return deps;
}
