/** `1 resource`, `3 resources`: a count with its noun, plural when it is not one. */
export function countNoun(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}
