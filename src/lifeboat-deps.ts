import type { Redis } from 'ioredis';
import { createAuthorizer, type Authorizer } from './approval/authorizer';
import type { Clock } from './clock';
import type { Config } from './config/config';
import type { EventBus } from './events/event-bus';
import type { Logger } from './logger';
import type { BackupPort } from './ports/backup-port';
import type { DnsPort } from './ports/dns-port';
import type { HealthPort } from './ports/health-port';
import type { ResourceDeleterPort } from './ports/resource-deleter-port';
import type { LifeboatQueues } from './queue/create-queues';
import { createQueues } from './queue/create-queues';
import { throttledErrorLog, type ErrorSource } from './queue/throttled-error-log';
import { redisKeys, type RedisKeys } from './redis/redis-keys';
import { createAuditLog, type AuditLog } from './store/audit-log';
import { createEnvironmentLock, type EnvironmentLock } from './store/environment-lock';
import {
  createEnvironmentStateStore,
  type EnvironmentStateStore,
} from './store/environment-state-store';
import { createOperationStore, type OperationStore } from './store/operation-store';
import { createEventBus } from './events/event-bus';

export interface AwsPorts {
  backup: BackupPort;
  dns: DnsPort;
  health: HealthPort;
  deleter: ResourceDeleterPort;
}

/** Everything a use case may need, built once at the composition root and passed down. */
export interface LifeboatDeps {
  config: Config;
  clock: Clock;
  logger: Logger;
  /** A shared, non-blocking connection. Blocking readers (workers, event consumers) duplicate it. */
  redis: Redis;
  prefix: string;
  keys: RedisKeys;
  /** How often AWS jobs and DNS changes are polled. */
  pollMs: number;
  aws: AwsPorts;
  operations: OperationStore;
  environments: EnvironmentStateStore;
  locks: EnvironmentLock;
  audit: AuditLog;
  events: EventBus;
  /**
   * Who may request and approve, by the configuration's lists. It knows no user groups: the bot
   * hands the commands its own, which resolves them through Slack.
   */
  authorizer: Authorizer;
  queues: LifeboatQueues;
  /** The 'error' listener of every BullMQ queue and worker: logged, and not once per retry. */
  queueErrors: ErrorSource;
}

export function createLifeboatDeps(input: {
  config: Config;
  clock: Clock;
  logger: Logger;
  redis: Redis;
  prefix: string;
  pollMs: number;
  aws: AwsPorts;
}): LifeboatDeps {
  const keys = redisKeys(input.prefix);
  const { redis, clock } = input;
  const queueErrors = throttledErrorLog(input.logger);
  const deps: LifeboatDeps = {
    ...input,
    keys,
    operations: createOperationStore(redis, keys),
    environments: createEnvironmentStateStore(redis, keys, () => deps.config, clock),
    locks: createEnvironmentLock(redis, keys),
    audit: createAuditLog(redis, keys),
    events: createEventBus(redis, keys),
    authorizer: createAuthorizer(() => deps.config),
    queueErrors,
    queues: createQueues(redis, input.prefix, queueErrors),
  };
  return deps;
}
