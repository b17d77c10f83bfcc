import { fakeClock } from '../../../src/clock';
import { createMemoryRequestMessageStore } from '../../../src/store/memory/request-message-store';
import { requestMessageStoreContract } from '../../ports/contracts/request-message-store-contract';

describe('the in-memory request message store', () => {
  requestMessageStoreContract(() => {
    const clock = fakeClock();
    return Promise.resolve({
      store: createMemoryRequestMessageStore(clock),
      lapse: (ms) => clock.advance({ milliseconds: ms }),
    });
  });

  it('forgets that the requester was told after a day', async () => {
    const clock = fakeClock();
    const store = createMemoryRequestMessageStore(clock);
    expect(await store.claimUnpostedNotice('op-1')).toBe(true);
    clock.advance({ hours: 23, minutes: 59 });
    expect(await store.claimUnpostedNotice('op-1')).toBe(false);
    clock.advance({ minutes: 1 });
    expect(await store.claimUnpostedNotice('op-1')).toBe(true);
  });
});
