import { authorizingPrincipal, isAuthorized } from '../../src/core/is-authorized';

describe('isAuthorized', () => {
  it('finds no members for a group named after an object property', () => {
    for (const handle of ['@constructor', '@toString', '@__proto__', '@valueOf']) {
      expect(isAuthorized('U0BOB', [handle], {})).toBe(false);
    }
    expect(isAuthorized('U0BOB', ['@constructor'], { '@constructor': ['U0BOB'] })).toBe(true);
  });
});

describe('authorizingPrincipal', () => {
  const groups = { '@dr-approvers': ['U0ALICE', 'U0CAROL'], oncall: ['U0BOB'] };

  it('names the id when the user is listed by id, before any group they are in', () => {
    expect(authorizingPrincipal('U0CAROL', ['@dr-approvers', 'U0CAROL'], groups)).toEqual({
      type: 'user',
      id: 'U0CAROL',
    });
  });

  it('names the group, with its members at that moment, when only a group lets the user in', () => {
    expect(authorizingPrincipal('U0ALICE', ['U0BOB', '@dr-approvers'], groups)).toEqual({
      type: 'group',
      handle: '@dr-approvers',
      members: ['U0ALICE', 'U0CAROL'],
    });
    expect(authorizingPrincipal('U0BOB', ['@oncall'], groups)).toEqual({
      type: 'group',
      handle: '@oncall',
      members: ['U0BOB'],
    });
  });

  it('names nothing for someone who is not listed', () => {
    expect(authorizingPrincipal('U0MALLORY', ['U0BOB', '@dr-approvers'], groups)).toBeUndefined();
  });
});
