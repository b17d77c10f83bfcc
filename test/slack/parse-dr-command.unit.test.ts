import { DR_VERBS, usageOf, type DrVerb } from '../../src/slack/dr-grammar';
import { parseDrCommand } from '../../src/slack/parse-dr-command';

function ok(text: string) {
  const result = parseDrCommand(text);
  if (!result.ok) throw new Error(`expected ${text} to parse: ${result.error}`);
  return result.command;
}
function refused(text: string) {
  const result = parseDrCommand(text);
  if (result.ok) throw new Error(`expected ${text} to be refused`);
  return result;
}

describe('parseDrCommand', () => {
  it('reads every verb of the contract', () => {
    expect(ok('')).toEqual({ verb: 'help' });
    expect(ok('help')).toEqual({ verb: 'help' });
    expect(ok('status')).toEqual({ verb: 'status' });
    expect(ok('status shop-prod')).toEqual({ verb: 'status', environment: 'shop-prod' });
    expect(ok('backup shop-prod')).toEqual({ verb: 'backup', environment: 'shop-prod' });
    expect(ok('failover shop-prod --to eu-north-1 --planned --reason "region degraded"')).toEqual({
      verb: 'failover',
      environment: 'shop-prod',
      toRegion: 'eu-north-1',
      planned: true,
      reason: 'region degraded',
    });
    expect(ok('failback shop-prod --reason "home is healthy"')).toEqual({
      verb: 'failback',
      environment: 'shop-prod',
      reason: 'home is healthy',
    });
    expect(ok('drill shop-prod')).toEqual({ verb: 'drill', environment: 'shop-prod' });
    expect(ok('approve op-1a2b3c4d')).toEqual({ verb: 'approve', operationId: 'op-1a2b3c4d' });
    expect(ok('deny op-1a2b3c4d --reason "not now"')).toEqual({
      verb: 'deny',
      operationId: 'op-1a2b3c4d',
      reason: 'not now',
    });
    expect(ok('deny op-1a2b3c4d')).toEqual({ verb: 'deny', operationId: 'op-1a2b3c4d' });
    expect(ok('cancel OP-1A2B')).toEqual({ verb: 'cancel', operationId: 'op-1a2b' });
    expect(ok('history')).toEqual({ verb: 'history', limit: 20 });
    expect(ok('history shop-prod --limit 5')).toEqual({
      verb: 'history',
      environment: 'shop-prod',
      limit: 5,
    });
  });

  it('takes --flag=value as well as --flag value, in any order', () => {
    expect(ok('failover --to=eu-north-1 shop-prod --reason=down')).toMatchObject({
      environment: 'shop-prod',
      toRegion: 'eu-north-1',
      reason: 'down',
    });
    expect(ok('failover shop-prod --reason="two words" --to eu-north-1')).toMatchObject({
      reason: 'two words',
      toRegion: 'eu-north-1',
    });
    expect(ok('failover --reason "quoted first" shop-prod')).toMatchObject({
      environment: 'shop-prod',
      reason: 'quoted first',
    });
  });

  it('reads the typographic quotes and dashes Slack clients send', () => {
    expect(
      ok('failover shop-prod \u2014to eu-north-1 --reason \u201ceu-west-1 is down\u201d'),
    ).toMatchObject({
      toRegion: 'eu-north-1',
      reason: 'eu-west-1 is down',
    });
    expect(ok('deny op-1 --reason \u2018don\u2019t\u2019')).toMatchObject({ reason: 'don\u2019t' });
    expect(ok("failback shop-prod --reason 'it's back'")).toMatchObject({ reason: "it's back" });
    expect(ok('failover shop-prod --reason &lt;ops&gt; &amp; co')).toMatchObject({
      reason: '<ops> & co',
    });
  });

  it('takes a reason of at most 500 characters, saying the limit and the length', () => {
    const words = (n: number) => 'x'.repeat(n);
    expect(ok(`failover shop-prod --reason "${words(500)}"`)).toMatchObject({ reason: words(500) });
    const long = refused(`failover shop-prod --reason "${words(830)}"`);
    expect(long.error).toMatch(/--reason is at most 500 characters; this one has 830/);
    expect(long.instead).toBe(usageOf('failover'));
    expect(refused(`failback shop-prod --reason ${words(501)}`).error).toContain('has 501');
    expect(refused(`deny op-1 --reason ${words(600)}`).error).toContain('at most 500');
    // Characters as people count them: an emoji is one.
    expect(ok(`failover shop-prod --reason "${'\u{1F525}'.repeat(500)}"`)).toMatchObject({
      verb: 'failover',
    });
  });

  it('takes an unquoted reason up to the next flag', () => {
    expect(ok('failover shop-prod --reason eu-west-1 is down --planned')).toMatchObject({
      reason: 'eu-west-1 is down',
      planned: true,
    });
  });

  it('gives help for every verb, either way round', () => {
    for (const verb of Object.keys(DR_VERBS) as DrVerb[]) {
      expect(ok(`help ${verb}`)).toEqual({ verb: 'help', topic: verb });
      if (verb !== 'help') {
        expect(ok(`${verb} help`)).toEqual({ verb: 'help', topic: verb });
        expect(ok(`${verb} --help`)).toEqual({ verb: 'help', topic: verb });
      }
    }
    expect(ok('HELP Failover')).toEqual({ verb: 'help', topic: 'failover' });
  });

  it('refuses what it cannot take, saying what to type instead', () => {
    expect(refused('flyover shop-prod')).toMatchObject({
      error: expect.stringContaining('no command "flyover"'),
      instead: expect.stringContaining('/dr help'),
    });
    expect(refused('failover shop-prod')).toMatchObject({
      error: expect.stringContaining('needs --reason'),
      instead: usageOf('failover'),
    });
    expect(refused('failover --reason x')).toMatchObject({
      error: expect.stringContaining('needs an environment'),
    });
    expect(refused('failover shop-prod --reason x --force')).toMatchObject({
      error: expect.stringContaining('no flag --force; it takes --to, --planned, --reason'),
    });
    expect(refused('failover shop-prod --reason x --to')).toMatchObject({
      error: expect.stringContaining('--to needs a value'),
    });
    expect(refused('failover shop-prod --reason x --planned=yes')).toMatchObject({
      error: expect.stringContaining('takes no value'),
    });
    expect(refused('failover shop-prod --to a --to b --reason x')).toMatchObject({
      error: expect.stringContaining('twice'),
    });
    expect(refused('failover shop-prod --reason "never closed')).toMatchObject({
      error: expect.stringContaining('never closed'),
    });
    expect(refused('backup')).toMatchObject({
      error: expect.stringContaining('needs an environment'),
    });
    expect(refused('backup shop-prod extra')).toMatchObject({
      error: expect.stringContaining('does not take "extra"'),
    });
    expect(refused('approve')).toMatchObject({ error: expect.stringContaining('operation id') });
    expect(refused('approve 1234')).toMatchObject({
      error: expect.stringContaining('ids look like op-'),
    });
    expect(refused('history --limit 0')).toMatchObject({
      error: expect.stringContaining('1 to 100'),
    });
    expect(refused('history --limit lots')).toMatchObject({
      error: expect.stringContaining('1 to 100'),
    });
    expect(refused('status -x')).toMatchObject({
      error: expect.stringContaining('takes no flags'),
    });
    expect(refused('help nothing')).toMatchObject({ error: expect.stringContaining('nothing') });
  });

  it('writes a usage line per verb from the grammar', () => {
    expect(usageOf('failover')).toBe('/dr failover ENV [--to REGION] [--planned] --reason "TEXT"');
    expect(usageOf('deny')).toBe('/dr deny OP_ID [--reason "TEXT"]');
    expect(usageOf('history')).toBe('/dr history [ENV] [--limit N]');
    expect(usageOf('status')).toBe('/dr status [ENV]');
  });
});
