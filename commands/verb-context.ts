import type { Authorizer } from '../src/approval/authorizer';
import type { LifeboatDeps } from '../src/lifeboat-deps';
import type { Reply } from '../src/slack/reply';
import type { SlackInstallation } from '../src/slack/read-installation';

/** What a `/dr` verb's handler gets: the use cases' dependencies, who is asking, and where. */
export interface VerbContext {
  deps: LifeboatDeps;
  authorizer: Authorizer;
  userId: string;
  /** The channel the command was typed in or the button clicked in. */
  channelId: string;
}

/**
 * Runs a command's `work` (named `what` for its user); if the work is held up waiting on Lifeboat's
 * store, the user is told so once through `reply`. The work is never dropped.
 */
export type WaitNotice = <T>(
  reply: (message: Reply) => Promise<unknown>,
  what: string,
  work: () => Promise<T>,
) => Promise<T>;

/** What the bot hands its listeners besides the use cases' dependencies. */
export interface CommandPorts {
  authorizer: Authorizer;
  waitNotice: WaitNotice;
  /**
   * The workspace and app the bot is installed as (every request must come from them), known
   * once Slack has answered at start-up; a failure there stops the bot.
   */
  installation: Promise<SlackInstallation>;
}
