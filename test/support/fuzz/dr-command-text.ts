import fc from 'fast-check';

/** Names that a plain-object lookup finds on every object: user text must never reach them. */
export const PROTOTYPE_NAMES = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  '__defineGetter__',
  'prototype',
] as const;

export const VERBS = [
  'help',
  'status',
  'backup',
  'failover',
  'failback',
  'drill',
  'approve',
  'deny',
  'cancel',
  'history',
] as const;

/** Every flag of the grammar, and flags of other tools that people type. */
export const KNOWN_FLAGS = ['to', 'planned', 'reason', 'limit'] as const;
const OTHER_FLAGS = ['at', 'region', 'month', 'force', 'yes', 'dry-run', 'env', 'help', 'h'];

/** The sandbox's environments, and names that are not environments. */
export const ENVIRONMENTS = ['shop-prod', 'payments-prod', 'intranet-prod'] as const;
const NOT_ENVIRONMENTS = [
  'shop-test',
  'SHOP-PROD',
  'shop_prod',
  'prod',
  '-',
  'shop-prod-',
  'ëshop',
];

const REGIONS = ['eu-central-1', 'eu-north-1', 'us-west-2', 'eu-west-1', 'us-east-1'];
const NOT_REGIONS = [
  'EU-CENTRAL-1',
  'mars-north-1',
  'eu-central',
  'eu-central-99',
  'us-gov-west-1',
];

const whitespace = fc.constantFrom(' ', ' ', ' ', '  ', '\t', '\n', '\u00a0', '\u3000', ' \r\n ');

/**
 * Any code point but half a surrogate pair. (fast-check's own `binary` unit does the same, but
 * building it indexes all 1.1 million code points, a second each time.)
 */
export const anyCodePoint = fc
  .nat({ max: 0x10ffff })
  .filter((c) => c < 0xd800 || c > 0xdfff)
  .map((c) => String.fromCodePoint(c));

/** Any text, short or long, ASCII, any code point or graphemes. */
const anyText = (maxLength: number) =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: anyCodePoint, maxLength }),
    fc.string({ unit: 'grapheme', maxLength: Math.ceil(maxLength / 4) }),
  );

/** What a person or a paste puts in a reason: markup, mentions, Slack's escapes, newlines. */
const reasonPiece = fc.oneof(
  { weight: 4, arbitrary: anyText(40) },
  fc.constantFrom(
    '<@U0BOB>',
    '<!channel>',
    '&lt;@U0CAROL&gt;',
    '*Plan:* nothing',
    '_x_ ~y~',
    '`code`',
    '\n*State:* approved\n',
    '&amp;',
    '\u202e',
    '\u0000',
    '😀👍🏽',
  ),
);

/** A reason of every length: empty, a word, the 500-character cap and either side of it, huge. */
export const reasonText = fc.oneof(
  { weight: 6, arbitrary: fc.array(reasonPiece, { maxLength: 6 }).map((p) => p.join(' ')) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom(499, 500, 501, 830, 2_999, 3_001),
        fc.constantFrom('a', '<', 'ü', ' x'),
      )
      .map(([n, c]) => c.repeat(n).slice(0, n)),
  },
  { weight: 1, arbitrary: fc.nat({ max: 20_000 }).map((n) => 'r'.repeat(n)) },
);

/** A value as typed: bare, in straight or typographic quotes, or with a quote left open. */
function quoted(value: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(
      value,
      fc.constantFrom('', '', '"', "'", '\u201c|\u201d', '\u201e|\u201c', '\u00ab|\u00bb', 'open"'),
    )
    .map(([v, q]) => {
      if (q === '') return v;
      if (q === 'open"') return `"${v}`;
      const [open, close] = q.includes('|') ? q.split('|') : [q, q];
      return `${open}${v}${close}`;
    });
}

export function operationIdText(known: readonly string[] = []): fc.Arbitrary<string> {
  return fc.oneof(
    ...(known.length > 0 ? [{ weight: 6, arbitrary: fc.constantFrom(...known) }] : []),
    ...(known.length > 0
      ? [{ weight: 1, arbitrary: fc.constantFrom(...known).map((id) => id.toUpperCase()) }]
      : []),
    { weight: 2, arbitrary: fc.stringMatching(/^op-[a-z0-9]{1,12}$/) },
    { weight: 1, arbitrary: fc.constantFrom('op-', 'op', 'OP-1A2B', 'op-1a2b_', 'op-../x', '') },
    { weight: 1, arbitrary: anyText(20) },
  );
}

const environmentText = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ENVIRONMENTS) },
  { weight: 2, arbitrary: fc.constantFrom(...NOT_ENVIRONMENTS, ...PROTOTYPE_NAMES) },
  { weight: 1, arbitrary: anyText(30) },
);

const flagName = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...KNOWN_FLAGS) },
  { weight: 2, arbitrary: fc.constantFrom(...OTHER_FLAGS, ...PROTOTYPE_NAMES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

/** One flag as typed: `--to x`, `--to=x`, `—to x`, `-to`, `--TO`, with a value of any shape. */
const flagWords = fc
  .tuple(
    flagName,
    fc.constantFrom('--', '--', '--', '-', '\u2014', '\u2013', '---'),
    fc.boolean(),
    fc.constantFrom('space', 'space', 'equals', 'none'),
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...REGIONS, ...NOT_REGIONS) },
      { weight: 3, arbitrary: reasonText },
      { weight: 1, arbitrary: fc.constantFrom('5', '0', '101', '1e1', '0x10', '-3', 'ten') },
    ),
  )
  .chain(([name, dash, upper, form, value]) =>
    quoted(fc.constant(value)).map((v) => {
      const flag = `${dash}${upper ? name.toUpperCase() : name}`;
      if (form === 'none') return [flag];
      if (form === 'equals') return [`${flag}=${v}`];
      return [flag, v];
    }),
  );

const verbText = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...VERBS) },
  { weight: 1, arbitrary: fc.constantFrom(...VERBS).map((v) => v.toUpperCase()) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('--help', '-h', '?', 'flyover', 'aprove', 'FailOver', '"status"'),
  },
  { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
);

/** A command shaped like the grammar: a verb, its argument and flags in any order. */
function structuredCommand(knownOperationIds: readonly string[]): fc.Arbitrary<string[]> {
  return fc
    .tuple(
      verbText,
      fc.array(
        fc.oneof(
          { weight: 3, arbitrary: environmentText.chain((e) => quoted(fc.constant(e))) },
          { weight: 3, arbitrary: operationIdText(knownOperationIds) },
          { weight: 1, arbitrary: fc.constantFrom(...REGIONS, ...NOT_REGIONS) },
          { weight: 1, arbitrary: fc.constantFrom('help', 'now', 'please', '&lt;', '&gt;') },
        ),
        { maxLength: 2 },
      ),
      fc.array(flagWords, { maxLength: 4 }),
    )
    .chain(([verb, positionals, flags]) =>
      fc
        .shuffledSubarray([...positionals.map((p) => [p]), ...flags], {
          minLength: positionals.length + flags.length,
        })
        .map((groups) => [verb, ...groups.flat()]),
    );
}

/** A value after its flag, in one of the forms people type: `--to x`, `--to=x`, `—to "x"`. */
function flagWith(name: string, value: fc.Arbitrary<string>): fc.Arbitrary<string[]> {
  return fc
    .tuple(
      fc.constantFrom('--', '--', '--', '\u2014'),
      fc.constantFrom('space', 'equals', 'quoted'),
      value,
    )
    .map(([dash, form, v]) => {
      if (form === 'equals') return [`${dash}${name}=${v}`];
      if (form === 'quoted') return [`${dash}${name}`, `"${v.replace(/"/g, '')}"`];
      return [`${dash}${name}`, v];
    });
}

const regionText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...REGIONS) },
  { weight: 1, arbitrary: fc.constantFrom(...NOT_REGIONS, ...PROTOTYPE_NAMES) },
);
const limitText = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 100 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('0', '101', '-1', '1.5', '1e1', 'ten', '') },
);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

/** A command of the grammar, verb by verb: its argument and its own flags, in any order. */
function grammaticalCommand(knownOperationIds: readonly string[]): fc.Arbitrary<string[]> {
  const env = environmentText.map((e) => [e]);
  const opId = operationIdText(knownOperationIds).map((id) => [id]);
  const reason = flagWith('reason', reasonText);
  const byVerb: Record<(typeof VERBS)[number], fc.Arbitrary<(string[] | undefined)[]>> = {
    help: fc.tuple(optional(fc.constantFrom(...VERBS).map((v) => [v]))),
    status: fc.tuple(optional(env)),
    backup: fc.tuple(env),
    drill: fc.tuple(env),
    failover: fc.tuple(
      env,
      optional(flagWith('to', regionText)),
      optional(fc.constant(['--planned'])),
      fc.option(reason, { nil: undefined, freq: 8 }),
    ),
    failback: fc.tuple(env, fc.option(reason, { nil: undefined, freq: 8 })),
    approve: fc.tuple(opId),
    deny: fc.tuple(opId, optional(reason)),
    cancel: fc.tuple(opId),
    history: fc.tuple(optional(env), optional(flagWith('limit', limitText))),
  };
  return fc.constantFrom(...VERBS).chain((verb) =>
    fc.tuple(fc.boolean(), byVerb[verb]).chain(([upper, parts]) => {
      const groups = parts.filter((p): p is string[] => p !== undefined);
      return fc
        .shuffledSubarray(groups, { minLength: groups.length })
        .map((shuffled) => [upper ? verb.toUpperCase() : verb, ...shuffled.flat()]);
    }),
  );
}

/** Words with no grammar at all. */
const wordSoup = fc.array(
  fc.oneof(
    verbText,
    environmentText,
    flagWords.map((w) => w.join(' ')),
    fc.constantFrom('"', "'", '\u201c', '\u00ab', '=', '--', '&lt;', '&amp;', '<@U0BOB>'),
    anyText(12),
  ),
  { maxLength: 8 },
);

/**
 * The text of a `/dr` command (what Slack sends after the command): valid commands of every
 * verb, near misses, flags in any order and form, quotes of every kind (closed or not), Slack's
 * escapes, unicode, control characters, reasons of every length, and raw garbage.
 * `knownOperationIds` lets approvals and denials name operations that exist.
 */
export function drCommandText(knownOperationIds: readonly string[] = []): fc.Arbitrary<string> {
  const joined = (words: fc.Arbitrary<string[]>) =>
    words.chain((ws) =>
      fc
        .array(whitespace, { minLength: ws.length + 1, maxLength: ws.length + 1 })
        .map((gaps) => gaps[0] + ws.map((w, i) => w + (gaps[i + 1] ?? '')).join('')),
    );
  return fc.oneof(
    { weight: 10, arbitrary: joined(grammaticalCommand(knownOperationIds)) },
    { weight: 6, arbitrary: joined(structuredCommand(knownOperationIds)) },
    { weight: 3, arbitrary: joined(wordSoup) },
    { weight: 1, arbitrary: anyText(200) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n', '\u0000', '"', '\u201c\u201d') },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('status ', 'failover shop-prod --reason ', '"'), fc.nat(40_000))
        .map(([head, n]) => head + 'x'.repeat(n)),
    },
  );
}
