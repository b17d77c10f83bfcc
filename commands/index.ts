import type { App } from '@slack/bolt';
import type { LifeboatDeps } from '../src/lifeboat-deps';
import { registerAppHome } from './app-home-opened';
import { registerDrCommand } from './dr-command';
import type { CommandPorts } from './verb-context';
import { registerVoteButtons } from './vote-buttons';

/** Every Slack listener: `/dr`, the vote buttons, the App Home. */
export function register(app: App, deps: LifeboatDeps, ports: CommandPorts): void {
  registerDrCommand(app, deps, ports);
  registerVoteButtons(app, deps, ports);
  registerAppHome(app, deps);
}
