import { historyBlocks } from '../../../src/slack/blocks/history-blocks';

describe('historyBlocks', () => {
  it('shows what people typed in the log as text: no mention pings, nothing is formatted', () => {
    const blocks = historyBlocks(
      [
        {
          id: '1-0',
          type: 'request',
          actor: 'U0ALICE',
          at: '2026-03-01T12:00:00.000Z',
          environment: 'shop-prod',
          summary: 'requested failover of shop-prod: *urgent* <@U0CEO> <!channel>\n*Plan:* fake',
        },
      ],
      'shop-prod',
    );
    const text = JSON.stringify(blocks);
    expect(text).toContain('<@U0ALICE>');
    expect(text).not.toMatch(/<@U0CEO>|<!channel>|\*urgent\*|\*Plan:\*/);
    expect(text).toContain('&lt;@U0CEO&gt;');
  });
});
