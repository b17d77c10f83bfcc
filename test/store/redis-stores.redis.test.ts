import type { Redis } from 'ioredis';
import type { Operation } from '../../src/core/types';
import { createEventBus } from '../../src/events/event-bus';
import type { LifeboatEvent } from '../../src/events/lifeboat-event';
import { redisKeys } from '../../src/redis/redis-keys';
import { createAuditLog } from '../../src/store/audit-log';
import { createEnvironmentLock } from '../../src/store/environment-lock';
import { createEnvironmentStateStore } from '../../src/store/environment-state-store';
import { fakeClock } from '../../src/clock';
import { sandboxConfig } from '../support/harness';
import { eventually } from '../support/eventually';
import { dummyPlan } from '../core/support/fixtures';
import { createOperationStore } from '../../src/store/operation-store';
import { deletePrefix, testRedis, uniquePrefix } from '../support/redis-prefix';

function operation(id: string, requestedAt = '2026-01-01T00:00:00.000Z'): Operation {
  return {
    id,
    kind: 'failover',
    environment: 'shop-prod',
    state: 'requested',
    requestedBy: 'U0ALICE',
    requestedAt,
    expiresAt: '2026-01-01T00:30:00.000Z',
    votes: [],
    steps: [],
    progress: {},
    plan: dummyPlan(),
  };
}

describe('Redis stores', () => {
  let redis: Redis;
  let blocking: Redis;
  const prefix = uniquePrefix('stores');
  const keys = redisKeys(prefix);

  beforeAll(() => {
    redis = testRedis();
    blocking = testRedis();
  });
  afterAll(async () => {
    await deletePrefix(redis, prefix);
    redis.disconnect();
    blocking.disconnect();
  });

  it('creates an operation once and never overwrites it', async () => {
    const store = createOperationStore(redis, keys);
    expect(await store.create(operation('op-1'))).toBe(true);
    expect(await store.create({ ...operation('op-1'), requestedBy: 'U0MALLORY' })).toBe(false);
    expect((await store.get('op-1'))?.requestedBy).toBe('U0ALICE');
    expect(await store.get('op-missing')).toBeUndefined();
  });

  it('applies racing updates one after the other, none lost', async () => {
    const store = createOperationStore(redis, keys);
    await store.create(operation('op-race'));
    const voters = Array.from({ length: 20 }, (_, i) => `U${i}`);
    await Promise.all(
      voters.map((userId) =>
        store.update('op-race', (op) => ({
          op: { ...op, votes: [...op.votes, { userId, decision: 'approve', at: op.requestedAt }] },
        })),
      ),
    );
    const op = await store.get('op-race');
    expect(op?.votes.map((v) => v.userId).sort()).toEqual([...voters].sort());
  });

  it('leaves an operation alone when the change returns nothing', async () => {
    const store = createOperationStore(redis, keys);
    await store.create(operation('op-same'));
    const { changed } = await store.update('op-same', () => undefined);
    expect(changed).toBe(false);
  });

  it('lists operations newest first, per environment', async () => {
    const store = createOperationStore(redis, keys);
    await store.create(operation('op-old', '2025-12-01T00:00:00.000Z'));
    await store.create(operation('op-new', '2026-02-01T00:00:00.000Z'));
    const ids = (await store.list({ environment: 'shop-prod', limit: 10 })).map((o) => o.id);
    expect(ids[0]).toBe('op-new');
    expect(ids[ids.length - 1]).toBe('op-old');
    expect(await store.list({ limit: 2 })).toHaveLength(2);
  });

  it('lets one operation hold an environment, and only its holder release it', async () => {
    const lock = createEnvironmentLock(redis, keys);
    const results = await Promise.all(
      ['op-a', 'op-b', 'op-c'].map((id) => lock.acquire('env-x', id)),
    );
    expect(results.filter((r) => r.acquired)).toHaveLength(1);
    const holder = await lock.holder('env-x');
    expect(await lock.release('env-x', 'op-not-holder')).toBe(false);
    expect(await lock.takeOver('env-x', holder ?? '', 'op-d')).toBe(true);
    expect(await lock.release('env-x', 'op-d')).toBe(true);
    expect(await lock.holder('env-x')).toBeUndefined();
  });

  it('appends audit entries and reads them back filtered', async () => {
    const audit = createAuditLog(redis, keys);
    await audit.append({
      type: 'command',
      actor: 'U1',
      at: '2026-01-01T00:00:00Z',
      environment: 'a',
      summary: 'one',
    });
    await audit.append({
      type: 'vote',
      actor: 'U2',
      at: '2026-01-01T00:00:01Z',
      environment: 'b',
      summary: 'two',
    });
    await audit.append({
      type: 'vote',
      actor: 'U3',
      at: '2026-01-01T00:00:02Z',
      environment: 'a',
      summary: 'three',
    });
    expect((await audit.read()).map((e) => e.summary)).toEqual(['three', 'two', 'one']);
    expect((await audit.read({ environment: 'a', order: 'asc' })).map((e) => e.summary)).toEqual([
      'one',
      'three',
    ]);
    expect(await audit.read({ since: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
  });

  it('delivers each event to one consumer of a group', async () => {
    const bus = createEventBus(redis, keys);
    const seen: LifeboatEvent[] = [];
    const consumer = bus.consume(
      blocking,
      'slack',
      'c1',
      async (event) => {
        seen.push(event);
      },
      { blockMs: 50 },
    );
    await bus.ensureGroup('slack');
    await bus.publish({ type: 'operation.updated', operationId: 'op-1' });
    await bus.publish({ type: 'rpo.recovered', environment: 'a', exposureMs: 1, rpoTargetMs: 2 });
    await eventually(() => (seen.length >= 2 ? true : undefined), { what: 'both events' });
    await consumer.stop();
    expect(seen.map((e) => e.type)).toEqual(['operation.updated', 'rpo.recovered']);
  });

  describe('environment state', () => {
    const config = sandboxConfig();
    const clock = fakeClock('2026-03-01T00:00:00Z');

    it('puts an environment never written where the configuration says', async () => {
      const states = createEnvironmentStateStore(redis, keys, () => config, clock);
      expect(await states.get('shop-prod')).toMatchObject({
        activeRegion: 'eu-west-1',
        protectionRegion: 'eu-central-1',
        resources: {
          'arn:aws:rds:eu-west-1:111122223333:db:shop':
            'arn:aws:rds:eu-west-1:111122223333:db:shop',
        },
        updatedAt: '2026-03-01T00:00:00.000Z',
      });
    });

    it('applies racing updates one after the other, none lost', async () => {
      const states = createEnvironmentStateStore(redis, keys, () => config, clock);
      const arns = Object.keys((await states.get('payments-prod')).resources);
      await Promise.all(
        arns.map((arn) =>
          states.update('payments-prod', (state) => ({
            ...state,
            resources: { ...state.resources, [arn]: `${arn}-restored` },
          })),
        ),
      );
      const after = await states.get('payments-prod');
      expect(Object.values(after.resources).every((arn) => arn.endsWith('-restored'))).toBe(true);
      expect(await states.update('payments-prod', () => undefined)).toEqual(after);
    });

    it('adds resources configured since the state was written, where the configuration puts them', async () => {
      const states = createEnvironmentStateStore(redis, keys, () => config, clock);
      const shopDb = 'arn:aws:rds:eu-west-1:111122223333:db:shop';
      await states.put({
        environment: 'shop-prod',
        activeRegion: 'eu-central-1',
        protectionRegion: 'eu-west-1',
        resources: { [shopDb]: 'arn:aws:rds:eu-central-1:111122223333:db:shop-dr' },
        updatedAt: '2026-03-01T00:00:00.000Z',
      });
      const state = await states.get('shop-prod');
      expect(state.resources[shopDb]).toBe('arn:aws:rds:eu-central-1:111122223333:db:shop-dr');
      expect(state.resources['arn:aws:dynamodb:eu-west-1:111122223333:table/orders']).toBe(
        'arn:aws:dynamodb:eu-west-1:111122223333:table/orders',
      );
    });
  });
});
