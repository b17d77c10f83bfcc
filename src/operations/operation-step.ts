import type { Plan } from '../core/types';

/** The steps an operation runs, by name; each is recorded in `op.steps`. */
export const OperationStep = {
  Preflight: 'preflight',
  FinalBackup: 'final-backup',
  Copy: 'copy',
  Restore: 'restore',
  Health: 'health',
  Dns: 'dns',
  Teardown: 'teardown',
  /** Failover and failback: new environment state (active and protection region), lock released. */
  Reprotect: 're-protect',
  /** Drill: the report and `lastDrill`. */
  Report: 'report',
} as const;
export type OperationStep = (typeof OperationStep)[keyof typeof OperationStep];

/**
 * The steps of a plan, in order:
 * - failover: preflight, restore, health, dns, re-protect;
 * - planned failover and failback: preflight, final-backup, copy, restore, health, dns, re-protect;
 * - drill: preflight, restore, health, teardown, report.
 * An operation that stops early (cancel, failure) runs teardown and ends there.
 */
export function stepsFor(plan: Pick<Plan, 'kind' | 'planned'>): OperationStep[] {
  const S = OperationStep;
  if (plan.kind === 'drill') return [S.Preflight, S.Restore, S.Health, S.Teardown, S.Report];
  const planned = plan.kind === 'failback' || plan.planned;
  return [
    S.Preflight,
    ...(planned ? [S.FinalBackup, S.Copy] : []),
    S.Restore,
    S.Health,
    S.Dns,
    S.Reprotect,
  ];
}
