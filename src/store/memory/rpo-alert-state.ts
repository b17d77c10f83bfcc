import type { ExposureStatus } from '../../core/rpo-exposure';
import { ALERT_SEVERITY, type AlertTransition, type RpoAlertState } from '../rpo-alert-state';

/** The RPO alert state in memory, for tests that are not about Redis. */
export function createMemoryRpoAlertState(): RpoAlertState {
  const announced = new Map<string, ExposureStatus>();
  return {
    async transition(environment, status): Promise<AlertTransition> {
      const previous = announced.get(environment) ?? 'ok';
      if (status === 'ok') {
        if (previous === 'ok') return 'none';
        announced.set(environment, 'ok');
        return 'recovered';
      }
      if (ALERT_SEVERITY[status] <= ALERT_SEVERITY[previous]) return 'none';
      announced.set(environment, status);
      return 'alert';
    },
    async current(environment) {
      return announced.get(environment) ?? 'ok';
    },
  };
}
