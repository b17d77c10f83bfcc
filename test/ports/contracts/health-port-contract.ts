import type { HealthPort } from '../../../src/ports/health-port';
import { pollUntil } from './poll-until';

export interface HealthContractWorld {
  port: HealthPort;
  /** A health check of a region that is up. */
  healthCheckId: string;
  pollMs: number;
  timeoutMs: number;
  /** Present where a region can be taken down (the emulator). */
  control?: { setRegionUp(up: boolean): Promise<void> };
}

export function describeHealthPortContract(name: string, world: () => HealthContractWorld): void {
  describe(`HealthPort contract: ${name}`, () => {
    let w: HealthContractWorld;
    beforeAll(() => {
      w = world();
    });
    afterAll(async () => {
      await w.control?.setRegionUp(true);
    });

    it('reports a healthy region as healthy', async () => {
      const status = await w.port.getHealthCheckStatus(w.healthCheckId);
      expect(status.healthy).toBe(true);
      expect(status.detail).toEqual(expect.any(String));
    });

    it('reports the region as unhealthy once it goes dark, and healthy when it is back', async () => {
      if (!w.control) return;
      await w.control.setRegionUp(false);
      const down = await pollUntil(
        () => w.port.getHealthCheckStatus(w.healthCheckId),
        (s) => !s.healthy,
        { intervalMs: w.pollMs, timeoutMs: w.timeoutMs, what: 'the health check to fail' },
      );
      expect(down.detail).toMatch(/fail/i);
      await w.control.setRegionUp(true);
      await pollUntil(
        () => w.port.getHealthCheckStatus(w.healthCheckId),
        (s) => s.healthy,
        { intervalMs: w.pollMs, timeoutMs: w.timeoutMs, what: 'the health check to recover' },
      );
    });

    it('reports an unknown health check as aws_not_found', async () => {
      await expect(
        w.port.getHealthCheckStatus('00000000-0000-0000-0000-000000000000'),
      ).rejects.toMatchObject({
        code: 'aws_not_found',
      });
    });
  });
}
