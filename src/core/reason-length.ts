/** The longest `--reason` taken, in characters: long enough to say why, too short to bury a plan. */
export const MAX_REASON_CHARS = 500;

/** The length of a reason as people count it: characters, not UTF-16 code units. */
export function reasonLength(reason: string): number {
  return [...reason].length;
}
