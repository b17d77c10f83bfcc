import { escapeMrkdwn, userText } from '../../../src/slack/blocks/mrkdwn';

describe('escapeMrkdwn', () => {
  it('escapes what people typed and keeps user mentions', () => {
    expect(escapeMrkdwn('a <b> & <!channel>')).toBe('a &lt;b&gt; &amp; &lt;!channel&gt;');
    expect(escapeMrkdwn('cancelled by <@U0ALICE> & <@W0BOB>')).toBe(
      'cancelled by <@U0ALICE> &amp; <@W0BOB>',
    );
    expect(escapeMrkdwn('<@U0ALICE|alice>')).toBe('&lt;@U0ALICE|alice&gt;');
  });
});

describe('userText', () => {
  it('shows what people typed as typed: no formatting, no mention, one line', () => {
    const shown = userText(
      '*Plan:* _x_ ~y~ `z`\n<@U0CEO> <!channel> <#C0A|a> <!subteam^S0A> & @here',
    );
    expect(shown).not.toMatch(/[<>*_~`\n]/);
    expect(shown).toContain(
      '&lt;@U0CEO&gt; &lt;!channel&gt; &lt;#C0A|a&gt; &lt;!subteam^S0A&gt; &amp;',
    );
    expect(shown).not.toMatch(/@here/);
    expect(shown).toMatch(/^∗Plan:∗ ˍxˍ ∼y∼ ˋzˋ &lt;/);
  });

  it('collapses runs of blank space, newlines included', () => {
    expect(userText('  a \n\n\t b\r\nc  ')).toBe('a b c');
    expect(userText('ok \u202edne\u202c')).toBe('ok dne');
  });
});
