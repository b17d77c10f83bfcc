import type { App } from '@slack/bolt';
import { readStatuses } from '../src/approval/read-environment-status';
import type { LifeboatDeps } from '../src/lifeboat-deps';
import { homeView } from '../src/slack/blocks/home-view';

/** The App Home tab: a dashboard of every environment, published when it is opened. */
export function registerAppHome(app: App, deps: LifeboatDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const statuses = await readStatuses(deps);
    await client.views.publish({ user_id: event.user, view: homeView(statuses, deps.clock.now()) });
  });
}
