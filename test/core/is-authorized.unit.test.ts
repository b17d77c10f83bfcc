import { isAuthorized } from '../../src/core/is-authorized';

describe('isAuthorized', () => {
  it('finds no members for a group named after an object property', () => {
    for (const handle of ['@constructor', '@toString', '@__proto__', '@valueOf']) {
      expect(isAuthorized('U0BOB', [handle], {})).toBe(false);
    }
    expect(isAuthorized('U0BOB', ['@constructor'], { '@constructor': ['U0BOB'] })).toBe(true);
  });
});
