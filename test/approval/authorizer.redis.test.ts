import { createAuthorizer, type GroupDirectory } from '../../src/approval/authorizer';
import { requestBackup } from '../../src/approval/request-backup';
import type { Config } from '../../src/config/config';
import { approvalHarness, type ApprovalHarness } from './approval-harness';

describe('the authorizer', () => {
  let h: ApprovalHarness;
  beforeEach(async () => {
    h = await approvalHarness('authorizer');
  });
  afterEach(async () => {
    await h.close();
  });

  /** The sandbox's lists, with approvers named by id only: @oncall is the one group. */
  const config = (): Config => ({
    ...h.deps.config.current(),
    approval: { ...h.deps.config.current().approval, approvers: ['U0BOB', 'U0CAROL'] },
  });
  const slackDown: GroupDirectory = {
    members: () => Promise.reject(new Error("Slack's usergroups.list failed (fatal_error)")),
  };

  it('says it could not look a group up, instead of calling a requester an outsider', async () => {
    const result = await requestBackup(
      h.deps,
      { environment: 'shop-prod', requestedBy: 'U0ONCALL' },
      { authorizer: createAuthorizer(config, slackDown) },
    );
    expect(result).toMatchObject({
      ok: false,
      reason: 'not_authorized',
      message: expect.stringContaining('could not check whether you are in @oncall'),
    });
  });

  it('lets a member of a requester group back up, and names both lists to an outsider', async () => {
    const directory: GroupDirectory = {
      members: async (handle) => (handle === '@oncall' ? ['U0ONCALL'] : []),
    };
    const authorizer = createAuthorizer(config, directory);
    expect(
      await requestBackup(
        h.deps,
        { environment: 'shop-prod', requestedBy: 'U0ONCALL' },
        { authorizer },
      ),
    ).toMatchObject({ ok: true });
    const outsider = await requestBackup(
      h.deps,
      { environment: 'shop-prod', requestedBy: 'U0MALLORY' },
      { authorizer },
    );
    expect(outsider).toMatchObject({
      ok: false,
      message: expect.stringContaining('not a requester or an approver'),
    });
    if (outsider.ok) return;
    expect(outsider.message).toContain('approval.requesters');
    expect(outsider.message).toContain('approval.approvers');
  });

  it('answers with the principal that lets the user act, and the configuration it decided under', async () => {
    const directory: GroupDirectory = {
      members: async (handle) => (handle === '@dr-approvers' ? ['U0ALICE', 'U0DAVE'] : []),
    };
    const authorizer = createAuthorizer(() => h.deps.config.current(), directory);
    const version = h.deps.config.current().version;
    expect(await authorizer.check('U0BOB', 'approver')).toEqual({
      allowed: true,
      principal: { type: 'user', id: 'U0BOB' },
      configVersion: version,
    });
    expect(await authorizer.check('U0DAVE', 'approver')).toEqual({
      allowed: true,
      principal: { type: 'group', handle: '@dr-approvers', members: ['U0ALICE', 'U0DAVE'] },
      configVersion: version,
    });
  });

  it('tells a failed group lookup apart from a no', async () => {
    const authorizer = createAuthorizer(() => h.deps.config.current(), slackDown);
    expect(await authorizer.check('U0DAVE', 'approver')).toMatchObject({
      allowed: false,
      lookupFailed: true,
    });
    const noGroups = createAuthorizer(() => h.deps.config.current());
    expect(await noGroups.check('U0DAVE', 'approver')).toMatchObject({ allowed: false });
    expect(await noGroups.check('U0DAVE', 'approver')).not.toHaveProperty('lookupFailed');
  });
});
