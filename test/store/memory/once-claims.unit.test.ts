import { fakeClock } from '../../../src/clock';
import { createMemoryOnceClaims } from '../../../src/store/memory/once-claims';
import { describeOnceClaimsContract } from '../../ports/contracts/once-claims-contract';

describeOnceClaimsContract('in memory', () => {
  const clock = fakeClock();
  return {
    once: createMemoryOnceClaims(clock),
    runOut: async (_name, forMs) => clock.advance({ milliseconds: forMs + 1 }),
  };
});

describe('OnceClaims in memory, on the fake clock', () => {
  it('holds a claim through its last ms and frees it the ms after, as Redis expires a key', async () => {
    const clock = fakeClock();
    const once = createMemoryOnceClaims(clock);
    expect(await once.claim('op-finished:op-1', 1_000)).toBe(true);
    clock.advance({ milliseconds: 1_000 });
    expect(await once.claim('op-finished:op-1', 1_000)).toBe(false);
    clock.advance({ milliseconds: 1 });
    expect(await once.claim('op-finished:op-1', 1_000)).toBe(true);
  });

  it('refuses a claim that Redis would refuse: not a whole number of ms, or under 1', async () => {
    const once = createMemoryOnceClaims(fakeClock());
    await expect(once.claim('x', 0)).rejects.toThrow(RangeError);
    await expect(once.claim('x', 1.5)).rejects.toThrow(RangeError);
  });
});
