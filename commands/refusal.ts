import type { Reply } from '../src/slack/reply';

/** A command that cannot be taken: why, and what to type instead. Nothing changed. */
export function refusal(why: string, instead?: string): Reply {
  const text = `:no_entry: ${capitalize(why)}.${instead ? `\nInstead: \`${instead.replace(/^type `|`$/g, '')}\`` : ''}`;
  return { text };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
