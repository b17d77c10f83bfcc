import type { Authorizer } from '../src/approval/authorizer';
import type { LifeboatDeps } from '../src/lifeboat-deps';
import type { SlackInstallation } from '../src/slack/read-installation';

/** What a `/dr` verb's handler gets: the use cases' dependencies, who is asking, and where. */
export interface VerbContext {
  deps: LifeboatDeps;
  authorizer: Authorizer;
  userId: string;
  /** The channel the command was typed in or the button clicked in. */
  channelId: string;
}

export interface CommandPorts {
  authorizer: Authorizer;
  /**
   * The workspace and app the bot is installed as (every request must come from them), known
   * once Slack has answered at start-up; a failure there stops the bot.
   */
  installation: Promise<SlackInstallation>;
}
