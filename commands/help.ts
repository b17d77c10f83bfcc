import type { DrVerb } from '../src/slack/dr-grammar';
import { helpBlocks } from '../src/slack/blocks/help-blocks';
import type { Reply } from '../src/slack/reply';

/** `/dr help [VERB]` and `/dr VERB help`. */
export function helpCommand(command: { topic?: DrVerb }): Reply {
  return helpBlocks(command.topic);
}
