import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logger';
import type { KnownBlock } from './blocks/block-types';
import { slackErrorCode } from './slack-call';

export interface Reply {
  text: string;
  blocks?: KnownBlock[];
}

/**
 * An ephemeral answer to the person who typed or clicked: by the bot token where it can post
 * (chat.postEphemeral), else through the request's response_url (channels the bot is not in).
 */
export function createReplier(input: {
  client: WebClient;
  channelId: string | undefined;
  userId: string;
  respond?: RespondFn;
  logger: Logger;
}): (reply: Reply) => Promise<void> {
  return async (reply) => {
    const body = { text: reply.text, ...(reply.blocks ? { blocks: reply.blocks } : {}) };
    if (input.channelId) {
      try {
        await input.client.chat.postEphemeral({
          channel: input.channelId,
          user: input.userId,
          ...body,
        });
        return;
      } catch (error) {
        input.logger.debug(
          { err: slackErrorCode(error) },
          'postEphemeral failed; answering through response_url',
        );
      }
    }
    if (input.respond) {
      await input.respond({ response_type: 'ephemeral', replace_original: false, ...body });
    }
  };
}
