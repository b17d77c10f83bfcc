import type { Reply } from '../src/slack/reply';
import { sentence } from '../src/slack/sentence';

/** A command that cannot be taken: why, and what to type instead. Nothing changed. */
export function refusal(why: string, instead?: string): Reply {
  return { text: `:no_entry: ${sentence(why)}${instead ? `\nInstead: \`${instead}\`` : ''}` };
}
