import type { RpoAlertState } from '../../../src/store/rpo-alert-state';

export function describeRpoAlertStateContract(name: string, makeStore: () => RpoAlertState): void {
  describe(`RpoAlertState contract: ${name}`, () => {
    let alerts: RpoAlertState;
    beforeEach(() => {
      alerts = makeStore();
    });

    it('holds an environment never announced as ok, and ok as nothing to announce', async () => {
      expect(await alerts.current('shop-prod')).toBe('ok');
      expect(await alerts.transition('shop-prod', 'ok')).toBe('none');
      expect(await alerts.current('shop-prod')).toBe('ok');
    });

    it('alerts on entering a worse status only, and recovers once on returning to ok', async () => {
      const said = [];
      for (const status of [
        'at-risk',
        'at-risk',
        'breached',
        'at-risk',
        'unprotected',
        'breached',
        'ok',
        'ok',
        'breached',
      ] as const) {
        said.push(await alerts.transition('shop-prod', status));
      }
      expect(said).toEqual([
        'alert',
        'none',
        'alert',
        'none',
        'alert',
        'none',
        'recovered',
        'none',
        'alert',
      ]);
      expect(await alerts.current('shop-prod')).toBe('breached');
    });

    it('remembers the worst status announced, not the latest measured', async () => {
      await alerts.transition('shop-prod', 'breached');
      await alerts.transition('shop-prod', 'at-risk');
      expect(await alerts.current('shop-prod')).toBe('breached');
    });

    it('announces one change once when monitors race', async () => {
      const said = await Promise.all(
        Array.from({ length: 10 }, () => alerts.transition('shop-prod', 'breached')),
      );
      expect(said.filter((t) => t === 'alert')).toHaveLength(1);
      const recovered = await Promise.all(
        Array.from({ length: 10 }, () => alerts.transition('shop-prod', 'ok')),
      );
      expect(recovered.filter((t) => t === 'recovered')).toHaveLength(1);
    });

    it('keeps environments apart', async () => {
      await alerts.transition('shop-prod', 'breached');
      expect(await alerts.current('intranet-prod')).toBe('ok');
      expect(await alerts.transition('intranet-prod', 'at-risk')).toBe('alert');
    });
  });
}
