import type { OperationProgress, ResourceProgress } from '../core/operation-progress';
import type { Operation } from '../core/types';

export function progressOf(op: Operation): OperationProgress {
  return { ...op.progress, resources: { ...(op.progress.resources ?? {}) } };
}

export function withProgress(op: Operation, patch: Partial<OperationProgress>): Operation {
  return { ...op, progress: { ...progressOf(op), ...patch } };
}

export function withResourceProgress(
  op: Operation,
  resourceArn: string,
  patch: ResourceProgress,
): Operation {
  const progress = progressOf(op);
  const resources = {
    ...progress.resources,
    [resourceArn]: { ...progress.resources[resourceArn], ...patch },
  };
  return { ...op, progress: { ...progress, resources } };
}
