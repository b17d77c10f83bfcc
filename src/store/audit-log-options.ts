import { systemClock, type Clock } from '../clock';
import type { RefusalLimits } from './plan-audit-append';

/** How long entries are kept. */
export const AUDIT_RETENTION_DAYS = 400;
/** How long one actor's refusal window lasts, and how many of its refusals each one writes. */
export const REFUSAL_WINDOW_MS = 10 * 60_000;
export const REFUSALS_PER_WINDOW = 5;

export interface AuditLogOptions extends Partial<RefusalLimits> {
  /** Decides refusal windows and what retention removes. */
  clock?: Clock;
  /** Default AUDIT_RETENTION_DAYS. */
  retentionMs?: number;
  /** The most old entries one append removes; default TRIM_BATCH. */
  trimBatch?: number;
}

/** The most old entries one append removes. */
export const TRIM_BATCH = 1_000;

/** The options with their defaults, as both audit logs (Redis and memory) apply them. */
export function resolveAuditLogOptions(options: AuditLogOptions): {
  clock: Clock;
  retentionMs: number;
  trimBatch: number;
  limits: RefusalLimits;
} {
  return {
    clock: options.clock ?? systemClock,
    retentionMs: options.retentionMs ?? AUDIT_RETENTION_DAYS * 86_400_000,
    trimBatch: options.trimBatch ?? TRIM_BATCH,
    limits: {
      refusalWindowMs: options.refusalWindowMs ?? REFUSAL_WINDOW_MS,
      refusalsPerWindow: options.refusalsPerWindow ?? REFUSALS_PER_WINDOW,
    },
  };
}
