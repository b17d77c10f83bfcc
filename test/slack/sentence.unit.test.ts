import { refusal } from '../../commands/refusal';
import { sentence } from '../../src/slack/sentence';

describe('sentence', () => {
  it.each([
    ['there is no environment "x"', 'There is no environment "x".'],
    [
      'us-east-1 is not an allowed region for shop-prod',
      'us-east-1 is not an allowed region for shop-prod.',
    ],
    ['op-1a2b3c4d is approved (1 of 1)', 'op-1a2b3c4d is approved (1 of 1).'],
    ['shop-prod is busy with op-1', 'shop-prod is busy with op-1.'],
    ['/dr failover needs an environment', '/dr failover needs an environment.'],
    ['<@U0BOB> already voted', '<@U0BOB> already voted.'],
    ['RDS shop has no point', 'RDS shop has no point.'],
    ['done already.', 'Done already.'],
    ['really?', 'Really?'],
    ['type `/dr help`', 'Type `/dr help`.'],
  ])('%s', (input, expected) => {
    expect(sentence(input)).toBe(expected);
  });
});

describe('refusal', () => {
  it('says why and the one command to type instead', () => {
    expect(refusal('there is no command "frobnicate"', '/dr help').text).toBe(
      ':no_entry: There is no command "frobnicate".\nInstead: `/dr help`',
    );
    expect(refusal('shop-prod is busy').text).toBe(':no_entry: shop-prod is busy.');
  });
});
