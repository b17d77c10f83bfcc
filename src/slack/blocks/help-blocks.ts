import { DR_VERBS, usageOf, type DrVerb, type VerbSpec } from '../dr-grammar';
import type { KnownBlock } from './block-types';
import { section } from './mrkdwn';

/** `/dr help`: every command; `/dr help VERB`: its usage, flags and an example. */
export function helpBlocks(topic?: DrVerb): { text: string; blocks: KnownBlock[] } {
  if (!topic) {
    const lines = (Object.keys(DR_VERBS) as DrVerb[]).map(
      (verb) => `\`${usageOf(verb)}\`\n      ${DR_VERBS[verb].summary}`,
    );
    const text = `*Lifeboat: disaster recovery from Slack*\n${lines.join('\n')}\n\nFor one command: \`/dr help failover\`.`;
    return { text: 'Lifeboat commands', blocks: [section(text)] };
  }
  const spec: VerbSpec = DR_VERBS[topic];
  const flags = Object.entries(spec.flags).map(
    ([name, flag]) =>
      `• \`--${name}${flag.value ? ` ${flag.value}` : ''}\`${flag.required ? ' (required)' : ''}: ${flag.help}`,
  );
  const text = [
    `\`${usageOf(topic)}\``,
    spec.summary,
    flags.length > 0 ? flags.join('\n') : undefined,
    `Example: \`${spec.example}\``,
  ]
    .filter(Boolean)
    .join('\n');
  return { text: usageOf(topic), blocks: [section(text)] };
}
