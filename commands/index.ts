import type { App } from '@slack/bolt';
import type { LifeboatDeps } from '../src/lifeboat-deps';
import { registerAppHome } from './app-home-opened';
import { registerDrCommand } from './dr-command';
import { onlyThisInstallation } from './only-this-installation';
import type { CommandPorts } from './verb-context';
import { registerVoteButtons } from './vote-buttons';

/**
 * Every Slack listener: `/dr`, the vote buttons, the App Home; in front of them, the refusal of
 * anything from another workspace or app.
 */
export function register(app: App, deps: LifeboatDeps, ports: CommandPorts): void {
  app.use(onlyThisInstallation(deps, ports.installation));
  registerDrCommand(app, deps, ports);
  registerVoteButtons(app, deps, ports);
  registerAppHome(app, deps);
}
