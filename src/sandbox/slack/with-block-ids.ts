import { randomBytes } from 'node:crypto';

/** Gives every block a `block_id`, as Slack does when the app leaves it out. */
export function withBlockIds(blocks: unknown[]): unknown[] {
  return blocks.map((block) => {
    if (!block || typeof block !== 'object') return block;
    const b = block as { block_id?: unknown };
    return typeof b.block_id === 'string' && b.block_id
      ? block
      : { ...b, block_id: randomBytes(3).toString('base64url') };
  });
}
