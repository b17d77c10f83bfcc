import { escapeMrkdwn } from '../../../src/slack/blocks/mrkdwn';

describe('escapeMrkdwn', () => {
  it('escapes what people typed and keeps user mentions', () => {
    expect(escapeMrkdwn('a <b> & <!channel>')).toBe('a &lt;b&gt; &amp; &lt;!channel&gt;');
    expect(escapeMrkdwn('cancelled by <@U0ALICE> & <@W0BOB>')).toBe(
      'cancelled by <@U0ALICE> &amp; <@W0BOB>',
    );
    expect(escapeMrkdwn('<@U0ALICE|alice>')).toBe('&lt;@U0ALICE|alice&gt;');
  });
});
