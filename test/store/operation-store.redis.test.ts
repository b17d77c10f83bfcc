import { ErrorCode, LifeboatError } from '../../src/errors';
import { redisKeys } from '../../src/redis/redis-keys';
import { createOperationStore } from '../../src/store/operation-store';
import { redisForSuite } from '../support/redis-prefix';
import { requestedOp } from '../core/support/fixtures';

/** The LifeboatError a store gives for a record it cannot read, with the record's key. */
function unreadable(key: string, why: string | RegExp) {
  return expect.objectContaining({
    name: 'LifeboatError',
    code: ErrorCode.StoredRecordInvalid,
    retryable: false,
    meta: { key },
    message: expect.stringMatching(
      new RegExp(`${key}.*${typeof why === 'string' ? why : why.source}`),
    ) as unknown,
  }) as unknown;
}

describe('operation store: what it reads back is checked', () => {
  const suite = redisForSuite('operation-store');
  const keys = redisKeys(suite.prefix);

  /** An operation in the store's own layout, holding `json` as its record. */
  async function stored(id: string, json: string): Promise<string> {
    const op = requestedOp({ id });
    const store = createOperationStore(suite.redis(), keys);
    expect(await store.create(op)).toBe(true);
    await suite.redis().hset(keys.operation(id), 'json', json);
    return keys.operation(id);
  }

  it('refuses a record that is not JSON, naming its key, from get, update and list', async () => {
    const key = await stored('op-not-json', '{"id":"op-not-json",');
    const store = createOperationStore(suite.redis(), keys);
    const error = unreadable(key, 'not JSON');
    await expect(store.get('op-not-json')).rejects.toEqual(error);
    await expect(store.update('op-not-json', (op) => ({ op }))).rejects.toEqual(error);
    await expect(store.list({ environment: 'shop-prod' })).rejects.toEqual(error);
  });

  it('refuses a record of the wrong shape, saying which field is wrong', async () => {
    const { plan: _plan, ...withoutPlan } = requestedOp({ id: 'op-no-plan' });
    const key = await stored('op-no-plan', JSON.stringify(withoutPlan));
    const store = createOperationStore(suite.redis(), keys);
    await expect(store.get('op-no-plan')).rejects.toEqual(unreadable(key, /plan: .*object/));

    const badState = JSON.stringify({ ...requestedOp({ id: 'op-bad-state' }), state: 'paused' });
    const stateKey = await stored('op-bad-state', badState);
    await expect(store.get('op-bad-state')).rejects.toEqual(unreadable(stateKey, /state: /));
    await expect(store.get('op-bad-state')).rejects.toBeInstanceOf(LifeboatError);
  });

  it('refuses a key that holds another kind of Redis value', async () => {
    const key = keys.operation('op-a-string');
    await suite.redis().set(key, 'not a hash');
    const store = createOperationStore(suite.redis(), keys);
    await expect(store.get('op-a-string')).rejects.toEqual(unreadable(key, 'another kind'));
  });

  it('reads an old record without the newer optional fields, and keeps fields it does not know', async () => {
    const old = requestedOp({ id: 'op-old' });
    delete old.reason;
    const record = { ...old, progress: {}, futureField: { kept: true } };
    await stored('op-old', JSON.stringify(record));
    const store = createOperationStore(suite.redis(), keys);
    expect(await store.get('op-old')).toEqual(record);

    const { op } = await store.update('op-old', (current) => ({
      op: { ...current, progress: { ...current.progress, dnsChangeId: 'C1' } },
    }));
    expect(op).toMatchObject({ futureField: { kept: true }, progress: { dnsChangeId: 'C1' } });
    expect(await store.get('op-old')).toEqual(op);
  });
});
