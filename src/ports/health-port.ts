/** Health of a region's endpoints (Route 53 health checks). Healthy only when every checker says so. */
export interface HealthPort {
  getHealthCheckStatus(healthCheckId: string): Promise<{ healthy: boolean; detail: string }>;
}
