import { operationMessage } from '../../../src/slack/blocks/operation-message';
import type { KnownBlock } from '../../../src/slack/blocks/block-types';
import { dummyPlan, requestedOp, T0 } from '../../core/support/fixtures';

/** Every mrkdwn text of the message, block by block. */
function texts(blocks: readonly KnownBlock[]): string[] {
  return blocks.flatMap((b) => {
    if (b.type === 'section' && b.text) return [b.text.text];
    if (b.type === 'context') return b.elements.map((e) => ('text' in e ? e.text : ''));
    return [];
  });
}

const REAL_PLAN = '*Plan:* *eu-west-1* → *eu-central-1* (unplanned)';

describe('the request message and the reason', () => {
  // About 830 typed characters: a fake plan line, newlines, a mention, every control character.
  const reason = [
    'region down',
    '*Plan:* *eu-west-1* → *eu-north-1* (planned, no data loss) — nothing to check here',
    '*State:* :white_check_mark: approved by <@U0CEO>',
    '<!channel> <!here> <#C0GENERAL> <!subteam^S0ALL|@everyone> & _italic_ ~struck~ `code`',
    '<https://evil.example.com|click> '.repeat(14),
    '<'.repeat(120),
  ].join('\n');

  it('keeps the real plan first and intact, and shows the reason after it as quoted text', () => {
    expect(reason.length).toBeGreaterThan(800);
    const op = requestedOp({ reason, plan: dummyPlan() });
    const message = operationMessage(op, T0, 1);
    const all = texts(message.blocks);

    // The first section is the bot's own: requester, the real plan and the state, untouched.
    const first = all[0] ?? '';
    expect(first).toContain(REAL_PLAN);
    expect(first).toContain('*State:* :hourglass_flowing_sand: waiting for approval');
    expect(first).not.toContain('region down');
    // The plan's own sections come before the reason.
    const planAt = all.findIndex((t) => t.startsWith('*Targets:*'));
    const reasonAt = all.findIndex((t) => t.includes('region down'));
    expect(planAt).toBeGreaterThan(0);
    expect(reasonAt).toBeGreaterThan(planAt);

    // The reason: one quoted line, by the requester, with nothing of it that Slack would format.
    const shown = all[reasonAt] ?? '';
    expect(shown.split('\n')).toHaveLength(2);
    expect(shown.split('\n')[0]).toContain('<@U0ALICE>');
    const quote = shown.split('\n')[1] ?? '';
    expect(quote.startsWith('>')).toBe(true);
    const words = quote.slice(1);
    expect(words).not.toMatch(/[<>*_~`]/);
    expect(words).not.toMatch(/&(?!amp;|lt;|gt;)/);
    expect(words).toContain('&lt;@U0CEO&gt;');
    expect(words).toContain('&lt;!channel&gt;');
    expect(shown.length).toBeLessThanOrEqual(3000);

    // Only the plan's own text says "Plan:" as a label, and no user-typed mention survives.
    const labels = all.join('\n').match(/\*Plan:\*/g) ?? [];
    expect(labels).toHaveLength(1);
    expect(all.join('\n')).not.toMatch(/<@U0CEO>|<!channel>|<!here>|<#C0GENERAL>|<!subteam/);
    expect(message.text).not.toContain('region down');
  });

  it('neutralises a denial reason the same way', () => {
    const op = requestedOp({
      state: 'denied',
      votes: [{ userId: 'U0BOB', decision: 'deny', at: T0.toISO() ?? '', reason: '*no* <@U0CEO>' }],
    });
    const votes = texts(operationMessage(op, T0, 1).blocks).join('\n');
    expect(votes).toContain('denied by <@U0BOB>');
    expect(votes).not.toContain('<@U0CEO>');
    expect(votes).not.toContain('*no*');
  });
});

describe('the final message and who approved', () => {
  it('says why each approval counted: the id listed, or the group it came through', () => {
    const op = requestedOp({
      state: 'succeeded',
      requiredApprovals: 2,
      startedAt: T0.plus({ minutes: 2 }).toISO() ?? '',
      finishedAt: T0.plus({ minutes: 40 }).toISO() ?? '',
      outcome: { rtoMs: 40 * 60_000, message: 'RTO 40m (met)' },
      votes: [
        {
          userId: 'U0BOB',
          decision: 'approve',
          at: T0.plus({ minutes: 1 }).toISO() ?? '',
          principal: { type: 'user', id: 'U0BOB' },
        },
        {
          userId: 'U0CAROL',
          decision: 'approve',
          at: T0.plus({ minutes: 2 }).toISO() ?? '',
          principal: { type: 'group', handle: '@dr-approvers', members: ['U0ALICE', 'U0CAROL'] },
        },
      ],
    });
    const all = texts(operationMessage(op, T0.plus({ minutes: 40 }), 1).blocks).join('\n');
    expect(all).toContain('succeeded');
    expect(all).toMatch(/approved by <@U0BOB> \(approver by id\)/);
    expect(all).toMatch(/<@U0CAROL> \(through @dr-approvers\)/);
  });

  it('counts against the approvals the operation needs, stored at request time', () => {
    const op = requestedOp({ requiredApprovals: 2 });
    const first = texts(operationMessage(op, T0, 1).blocks)[0] ?? '';
    expect(first).toContain('0 of 2 approvals');
  });

  it('shows an older vote, stored without its principal, as before', () => {
    const op = requestedOp({
      state: 'approved',
      votes: [{ userId: 'U0BOB', decision: 'approve', at: T0.toISO() ?? '' }],
    });
    const all = texts(operationMessage(op, T0, 1).blocks).join('\n');
    expect(all).toContain('approved by <@U0BOB>');
    expect(all).not.toContain('(approver by id)');
  });
});
