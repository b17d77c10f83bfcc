import type { WorkspaceSeed } from './slack-workspace';

/**
 * The people of the sandbox. Alice and Bob may request; Bob and Carol may approve. The groups
 * matter too: Carol may request through @oncall, Alice may approve through @dr-approvers. Dave
 * is an outsider whom Lifeboat refuses.
 */
export function sandboxWorkspaceSeed(channelId: string): WorkspaceSeed {
  return {
    teamId: 'T0SANDBOX',
    appId: 'A0LIFEBOAT',
    teamName: 'Lifeboat Sandbox',
    bot: {
      id: 'U0LIFEBOAT',
      botId: 'B0LIFEBOAT',
      name: 'lifeboat',
      realName: 'Lifeboat',
      title: 'Disaster recovery bot',
      color: '#1264a3',
      isBot: true,
    },
    users: [
      { id: 'U0ALICE', name: 'alice', realName: 'Alice', title: 'SRE, on call', color: '#e8912d' },
      { id: 'U0BOB', name: 'bob', realName: 'Bob', title: 'Engineering manager', color: '#2bac76' },
      {
        id: 'U0CAROL',
        name: 'carol',
        realName: 'Carol',
        title: 'Database administrator',
        color: '#9f69bb',
      },
      {
        id: 'U0DAVE',
        name: 'dave',
        realName: 'Dave',
        title: 'Marketing (not in any DR role)',
        color: '#e01e5a',
      },
    ],
    groups: [
      { id: 'S0ONCALL', handle: 'oncall', name: 'On call', users: ['U0ALICE', 'U0CAROL'] },
      {
        id: 'S0DRAPPROVERS',
        handle: 'dr-approvers',
        name: 'DR approvers',
        users: ['U0ALICE', 'U0CAROL'],
      },
    ],
    channels: [
      { id: channelId, name: 'incident', topic: 'Outages, failovers and drills. Type /dr help' },
    ],
  };
}
