import type { RequestMessageStore } from '../../../src/store/request-message-store';
import { eventually } from '../../support/eventually';

export interface RequestMessageStoreSubject {
  store: RequestMessageStore;
  /** Lets `ms` pass for the store's leases (a fake clock moves; Redis expires keys itself). */
  lapse(ms: number): void;
}

/** What every RequestMessageStore promises; run against each implementation. */
export function requestMessageStoreContract(make: () => Promise<RequestMessageStoreSubject>): void {
  let subject: RequestMessageStoreSubject;
  let store: RequestMessageStore;
  beforeEach(async () => {
    subject = await make();
    store = subject.store;
  });

  it('gives the posting of a message to one claimant while the claim stands', async () => {
    const claims = await Promise.all([
      store.claimPosting('op-1', 'bot-a', 60_000),
      store.claimPosting('op-1', 'bot-b', 60_000),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.claimPosting('op-1', 'bot-a', 60_000)).toBe(false);
  });

  it('keeps the claims of different operations apart', async () => {
    expect(await store.claimPosting('op-1', 'bot-a', 60_000)).toBe(true);
    expect(await store.claimPosting('op-2', 'bot-b', 60_000)).toBe(true);
  });

  it('lets a released claim be taken again, after a failed post', async () => {
    expect(await store.claimPosting('op-1', 'bot-a', 60_000)).toBe(true);
    await store.releasePosting('op-1');
    expect(await store.claimPosting('op-1', 'bot-b', 60_000)).toBe(true);
    await store.releasePosting('op-never-claimed');
  });

  it('lets a claim lapse after its lease, so a poster that died holds nothing back', async () => {
    expect(await store.claimPosting('op-1', 'bot-a', 5)).toBe(true);
    subject.lapse(5);
    await eventually(
      async () => ((await store.claimPosting('op-1', 'bot-b', 60_000)) ? true : undefined),
      {
        what: 'the lapsed claim to be free',
      },
    );
  });

  it('tells the requester of an unposted request once per operation', async () => {
    const claims = await Promise.all([
      store.claimUnpostedNotice('op-1'),
      store.claimUnpostedNotice('op-1'),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.claimUnpostedNotice('op-1')).toBe(false);
    expect(await store.claimUnpostedNotice('op-2')).toBe(true);
    // The notice is its own: posting claims do not touch it.
    expect(await store.claimPosting('op-2', 'bot-a', 60_000)).toBe(true);
  });
}
