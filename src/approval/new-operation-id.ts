import { randomBytes } from 'node:crypto';

/** `op-` and 8 random base-36 characters: short enough to type, never a bare integer (BullMQ ids). */
export function newOperationId(): string {
  const bytes = randomBytes(8);
  let id = '';
  for (const byte of bytes) id += (byte % 36).toString(36);
  return `op-${id}`;
}
