import { MAX_REASON_CHARS, reasonLength } from '../../src/core/reason-length';
import fc from 'fast-check';
import { DR_VERBS, isDrVerb } from '../../src/slack/dr-grammar';
import { parseDrCommand, type ParseResult } from '../../src/slack/parse-dr-command';
import {
  drCommandText,
  ENVIRONMENTS,
  PROTOTYPE_NAMES,
  reasonText,
} from '../support/fuzz/dr-command-text';

/** Fixed seeds: a failure here is the same failure on every machine. */
const SEED = 20_260_301;

/** What any answer of the parser must look like, whatever it was given. */
function expectWellFormed(text: string, result: ParseResult): void {
  const where = `for ${JSON.stringify(text.slice(0, 200))}`;
  if (!result.ok) {
    if (typeof result.error !== 'string' || result.error === '')
      throw new Error(`no error ${where}`);
    if (!result.instead.startsWith('/dr '))
      throw new Error(`instead is ${result.instead} ${where}`);
    if (result.verb !== undefined && !isDrVerb(result.verb)) throw new Error(`verb ${where}`);
    return;
  }
  const { command } = result;
  if (!isDrVerb(command.verb)) throw new Error(`unknown verb ${command.verb} ${where}`);
  if ('operationId' in command && !/^op-[a-z0-9]+$/.test(command.operationId)) {
    throw new Error(`operation id ${command.operationId} ${where}`);
  }
  if (
    (command.verb === 'failover' || command.verb === 'failback') &&
    command.reason.trim() === ''
  ) {
    throw new Error(`a ${command.verb} without a reason ${where}`);
  }
  if (command.verb === 'failover' && command.toRegion !== undefined) {
    if (command.toRegion !== command.toRegion.toLowerCase() || command.toRegion === '') {
      throw new Error(`region ${command.toRegion} ${where}`);
    }
  }
  if (command.verb === 'history' && !(Number.isInteger(command.limit) && command.limit >= 1)) {
    throw new Error(`limit ${command.limit} ${where}`);
  }
}

describe('parseDrCommand under generated input', () => {
  it('answers 10,000 generated commands with a command or a refusal, never a throw', () => {
    let runs = 0;
    const outcomes = { ok: 0, refused: 0 };
    fc.assert(
      fc.property(drCommandText(), (text) => {
        runs += 1;
        const result = parseDrCommand(text);
        expectWellFormed(text, result);
        outcomes[result.ok ? 'ok' : 'refused'] += 1;
      }),
      { seed: SEED, numRuns: 10_000 },
    );
    expect(runs).toBe(10_000);
    // Both sides of the parser are reached, not only its refusals.
    expect(outcomes.ok).toBeGreaterThan(1_000);
    expect(outcomes.refused).toBeGreaterThan(1_000);
  });

  const validCommands = fc.oneof(
    fc.constantFrom(...ENVIRONMENTS).map((e) => `backup ${e}`),
    fc.constantFrom(...ENVIRONMENTS).map((e) => `drill ${e}`),
    fc.constantFrom(...ENVIRONMENTS).map((e) => `status ${e}`),
    fc.constantFrom(...ENVIRONMENTS).map((e) => `failover ${e} --reason "down"`),
    fc.constantFrom(...ENVIRONMENTS).map((e) => `failback ${e} --reason "home"`),
    fc.constant('approve op-1a2b3c4d'),
    fc.constant('cancel op-1a2b3c4d'),
    fc.constant('deny op-1a2b3c4d'),
    fc.constant('history --limit 5'),
  );

  it('refuses every flag its verb does not have, whatever the flag is called (2,000 cases)', () => {
    let runs = 0;
    const unknownFlag = fc.oneof(
      fc.constantFrom(...PROTOTYPE_NAMES),
      fc.stringMatching(/^[a-z][a-z0-9_-]{0,10}$/),
    );
    fc.assert(
      fc.property(validCommands, unknownFlag, fc.boolean(), (base, name, atEnd) => {
        runs += 1;
        const verb = base.split(' ')[0] as keyof typeof DR_VERBS;
        fc.pre(!Object.hasOwn(DR_VERBS[verb].flags, name.toLowerCase()));
        fc.pre(!['help', 'h'].includes(name.toLowerCase()));
        expect(parseDrCommand(base).ok).toBe(true);
        const [head, ...tail] = base.split(' ');
        const text = atEnd ? `${base} --${name}` : [head, `--${name}`, ...tail].join(' ');
        const result = parseDrCommand(text);
        expect({ text, ok: result.ok }).toEqual({ text, ok: false });
      }),
      { seed: SEED + 1, numRuns: 2_000 },
    );
    expect(runs).toBeGreaterThanOrEqual(2_000);
  });

  it('reads the same failover whatever the order and form of its flags (2,000 cases)', () => {
    let runs = 0;
    const plainWords = fc.stringMatching(/^[a-z0-9][a-z0-9 .,!?-]{0,60}$/);
    fc.assert(
      fc.property(
        fc.constantFrom(...ENVIRONMENTS),
        fc.option(fc.constantFrom('eu-central-1', 'eu-north-1', 'us-west-2'), { nil: undefined }),
        fc.boolean(),
        plainWords,
        fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
        fc.constantFrom('space', 'equals'),
        (env, to, planned, reason, order, form) => {
          runs += 1;
          fc.pre(reason.trim() !== '');
          const value = (name: string, v: string) =>
            form === 'equals' ? [`--${name}="${v}"`] : [`--${name}`, `"${v}"`];
          const groups = [
            [env],
            ...(to ? [value('to', to)] : []),
            ...(planned ? [['--planned']] : []),
            value('reason', reason),
          ];
          const shuffled = groups
            .map((g, i) => ({ g, key: order[i] ?? 0 }))
            .sort((a, b) => a.key - b.key)
            .flatMap(({ g }) => g);
          const canonical = parseDrCommand(`failover ${groups.flat().join(' ')}`);
          const reordered = parseDrCommand(`failover ${shuffled.join(' ')}`);
          expect(reordered).toEqual(canonical);
          expect(canonical).toEqual({
            ok: true,
            command: {
              verb: 'failover',
              environment: env,
              ...(to ? { toRegion: to } : {}),
              planned,
              reason: reason.trim(),
            },
          });
        },
      ),
      { seed: SEED + 2, numRuns: 2_000 },
    );
    expect(runs).toBeGreaterThanOrEqual(2_000);
  });

  it('keeps a quoted reason of any content as typed, and refuses one over the limit (2,000 cases)', () => {
    let runs = 0;
    const noQuotes = reasonText.map((r) =>
      r.replace(/["'\u201c\u201d\u201e\u2018\u2019\u00ab\u00bb&]/g, ''),
    );
    fc.assert(
      fc.property(noQuotes, (reason) => {
        runs += 1;
        const result = parseDrCommand(`deny op-1a2b3c4d --reason "${reason}"`);
        if (reason.trim() === '') {
          expect(result.ok).toBe(false);
          return;
        }
        if (reasonLength(reason.trim()) > MAX_REASON_CHARS) {
          expect(result).toMatchObject({ ok: false, error: expect.stringContaining('at most') });
          return;
        }
        expect(result).toEqual({
          ok: true,
          command: { verb: 'deny', operationId: 'op-1a2b3c4d', reason: reason.trim() },
        });
      }),
      { seed: SEED + 3, numRuns: 2_000 },
    );
    expect(runs).toBe(2_000);
  });
});
