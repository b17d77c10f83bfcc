/** A message as a sentence: capitalized unless it starts with an id, a command or a mention; one full stop. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  const first = /^(op-|\/|<|`|[a-z0-9-]+-prod\b)/.test(trimmed)
    ? trimmed
    : trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?)]$/.test(first) ? first : `${first}.`;
}
