import type { InFlightMarker } from '../../../src/store/in-flight-marker';

export function describeInFlightMarkerContract(
  name: string,
  makeStore: () => InFlightMarker,
): void {
  describe(`InFlightMarker contract: ${name}`, () => {
    let marker: InFlightMarker;
    beforeEach(() => {
      marker = makeStore();
    });

    it('has no holder for an environment never claimed', async () => {
      expect(await marker.holder('shop-prod')).toBeUndefined();
    });

    it('lets one of racing runs claim, and tells the others which', async () => {
      const runs = ['run-a', 'run-b', 'run-c', 'run-d'];
      const claims = await Promise.all(runs.map((runId) => marker.claim('shop-prod', runId)));
      const holder = await marker.holder('shop-prod');
      expect(runs).toContain(holder);
      expect(claims.filter((c) => c.owned)).toHaveLength(1);
      expect(claims[runs.indexOf(holder ?? '')]).toEqual({ owned: true });
      for (const claim of claims.filter((c) => !c.owned)) {
        expect(claim).toEqual({ owned: false, holder });
      }
    });

    it('lets the owning run claim again (a resumed job)', async () => {
      await marker.claim('shop-prod', 'run-a');
      expect(await marker.claim('shop-prod', 'run-a')).toEqual({ owned: true });
    });

    it('releases only for the run that holds it', async () => {
      await marker.claim('shop-prod', 'run-a');
      expect(await marker.release('shop-prod', 'run-b')).toBe(false);
      expect(await marker.holder('shop-prod')).toBe('run-a');
      expect(await marker.release('shop-prod', 'run-a')).toBe(true);
      expect(await marker.holder('shop-prod')).toBeUndefined();
      expect(await marker.release('shop-prod', 'run-a')).toBe(false);
      expect(await marker.claim('shop-prod', 'run-b')).toEqual({ owned: true });
    });

    it('takes over only from the stale run named, once', async () => {
      await marker.claim('shop-prod', 'run-a');
      expect(await marker.takeOver('shop-prod', 'run-x', 'run-b')).toBe(false);
      expect(await marker.holder('shop-prod')).toBe('run-a');
      const takers = await Promise.all(
        ['run-b', 'run-c'].map((runId) => marker.takeOver('shop-prod', 'run-a', runId)),
      );
      expect(takers.filter(Boolean)).toHaveLength(1);
      expect(await marker.holder('shop-prod')).toBe(takers[0] ? 'run-b' : 'run-c');
      expect(await marker.takeOver('intranet-prod', 'run-a', 'run-b')).toBe(false);
      expect(await marker.holder('intranet-prod')).toBeUndefined();
    });

    it('keeps environments apart', async () => {
      await marker.claim('shop-prod', 'run-a');
      expect(await marker.claim('intranet-prod', 'run-b')).toEqual({ owned: true });
      expect(await marker.holder('shop-prod')).toBe('run-a');
    });
  });
}
