import type { EmulatorState, HealthCheckState } from './emulator-state';

/** A health check is healthy when its override says so, else exactly when its region is up. */
export function healthCheckHealthy(state: EmulatorState, check: HealthCheckState): boolean {
  return check.healthyOverride ?? state.regions[check.region]?.up ?? true;
}
