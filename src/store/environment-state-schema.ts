import { z } from 'zod';
import { OperationState, type EnvironmentState } from '../core/types';

/**
 * An environment's state as the environment state store keeps it, checked when it is read back.
 * Unknown fields pass through, so a record written by another version reads as it was written.
 */
export const environmentStateSchema = z.looseObject({
  environment: z.string(),
  activeRegion: z.string(),
  protectionRegion: z.string(),
  resources: z.record(z.string(), z.string()),
  lastDrill: z
    .looseObject({
      operationId: z.string(),
      at: z.string(),
      rtoMs: z.number().optional(),
      worstDataLossMs: z.number().optional(),
      outcome: z.enum(OperationState),
    })
    .optional(),
  updatedAt: z.string(),
}) satisfies z.ZodType<EnvironmentState>;
