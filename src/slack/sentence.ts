/**
 * A message as a sentence, ending in one full stop: capitalized when it starts with a plain
 * word, left alone when it starts with an id, a region, a command or a mention (`us-east-1`,
 * `op-…`, `/dr`, `<@U…>`).
 */
export function sentence(text: string): string {
  const trimmed = text.trim();
  const firstWord = /^\S*/.exec(trimmed)?.[0] ?? '';
  const first = /^[a-z]+[,:;.!?]?$/.test(firstWord)
    ? trimmed.charAt(0).toUpperCase() + trimmed.slice(1)
    : trimmed;
  return /[.!?]["'`)]*$/.test(first) ? first : `${first}.`;
}
