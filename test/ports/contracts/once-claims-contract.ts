import type { OnceClaims } from '../../../src/store/once-claims';

export interface OnceClaimsWorld {
  once: OnceClaims;
  /** Returns once a claim of `name` for `forMs` has run out (time moved, or waited for). */
  runOut(name: string, forMs: number): Promise<void>;
}

export function describeOnceClaimsContract(name: string, makeWorld: () => OnceClaimsWorld): void {
  describe(`OnceClaims contract: ${name}`, () => {
    let w: OnceClaimsWorld;
    beforeEach(() => {
      w = makeWorld();
    });

    it('lets one of racing claims win, and no later one while it lasts', async () => {
      const claims = await Promise.all(
        Array.from({ length: 10 }, () => w.once.claim('op-finished:op-1', 60_000)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await w.once.claim('op-finished:op-1', 60_000)).toBe(false);
    });

    it('keeps names apart', async () => {
      expect(await w.once.claim('config:reloaded:v1', 60_000)).toBe(true);
      expect(await w.once.claim('config:reloaded:v2', 60_000)).toBe(true);
      expect(await w.once.claim('config:reloaded:v1', 60_000)).toBe(false);
    });

    it('frees a name once its claim has run out', async () => {
      expect(await w.once.claim('backup:catch-up:shop-prod', 50)).toBe(true);
      await w.runOut('backup:catch-up:shop-prod', 50);
      expect(await w.once.claim('backup:catch-up:shop-prod', 60_000)).toBe(true);
      expect(await w.once.claim('backup:catch-up:shop-prod', 50)).toBe(false);
    });
  });
}
