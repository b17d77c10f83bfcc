import { reasonLength } from '../core/reason-length';
import { DR_VERBS, isDrVerb, usageOf, type DrVerb, type VerbSpec } from './dr-grammar';
import { tokenizeCommand, type Token } from './tokenize-command';

export type DrCommand =
  | { verb: 'help'; topic?: DrVerb }
  | { verb: 'status'; environment?: string }
  | { verb: 'backup'; environment: string }
  | { verb: 'failover'; environment: string; toRegion?: string; planned: boolean; reason: string }
  | { verb: 'failback'; environment: string; reason: string }
  | { verb: 'drill'; environment: string }
  | { verb: 'approve'; operationId: string }
  | { verb: 'deny'; operationId: string; reason?: string }
  | { verb: 'cancel'; operationId: string }
  | { verb: 'history'; environment?: string; limit: number };

/** Why the text is not a command, and the command to type instead. */
export interface ParseFailure {
  ok: false;
  error: string;
  /** The usage line of the verb, or the pointer to `/dr help`. */
  instead: string;
  verb?: DrVerb;
}

export type ParseResult = { ok: true; command: DrCommand } | ParseFailure;

export const DEFAULT_HISTORY_LIMIT = 20;
export const MAX_HISTORY_LIMIT = 100;
const OP_ID = /^op-[a-z0-9]+$/;
const HELP_WORDS = ['help', '--help', '-h', '?'];

/** The one parser of `/dr`'s text (the text after the command, as Slack sends it). */
export function parseDrCommand(text: string): ParseResult {
  const tokenized = tokenizeCommand(text);
  if (!tokenized.ok) return fail(tokenized.error);
  const [first, ...rest] = tokenized.tokens;
  if (!first) return { ok: true, command: { verb: 'help' } };

  const word = first.text.toLowerCase();
  if (HELP_WORDS.includes(word) && !first.quoted) return parseHelp(rest);
  if (!isDrVerb(word)) {
    return fail(`there is no command "${first.text}"`, '/dr help');
  }
  if (rest.some((t) => !t.quoted && HELP_WORDS.includes(t.text.toLowerCase()))) {
    return { ok: true, command: { verb: 'help', topic: word } };
  }
  const words = splitWords(word, rest);
  if (!words.ok) return words;
  return build(word, words.positionals, words.flags);
}

function parseHelp(rest: Token[]): ParseResult {
  const [topic, extra] = rest;
  if (!topic) return { ok: true, command: { verb: 'help' } };
  const verb = topic.text.toLowerCase();
  if (!isDrVerb(verb) || extra) {
    return fail(
      `there is no command "${rest.map((t) => t.text).join(' ')}" to explain`,
      '/dr help',
    );
  }
  return { ok: true, command: { verb: 'help', topic: verb } };
}

type Words =
  { ok: true; positionals: string[]; flags: Record<string, string | true> } | ParseFailure;

function splitWords(verb: DrVerb, tokens: Token[]): Words {
  const spec: VerbSpec = DR_VERBS[verb];
  const positionals: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.quoted || !token.text.startsWith('-') || /^-\d/.test(token.text)) {
      positionals.push(token.text);
      continue;
    }
    const match = /^--?([^=]*)(?:=(.*))?$/s.exec(token.text);
    const name = (match?.[1] ?? '').toLowerCase();
    const inline = match?.[2];
    // An own flag only: `--constructor` must not find Object.prototype's.
    const flag = Object.hasOwn(spec.flags, name) ? spec.flags[name] : undefined;
    if (!flag || !token.text.startsWith('--')) {
      const known = Object.keys(spec.flags).map((f) => `--${f}`);
      const takes = known.length > 0 ? `it takes ${known.join(', ')}` : 'it takes no flags';
      return fail(`/dr ${verb} has no flag ${token.text}; ${takes}`, usageOf(verb), verb);
    }
    if (Object.hasOwn(flags, name)) {
      return fail(`--${name} is given twice; give it once`, usageOf(verb), verb);
    }
    if (!flag.value) {
      if (inline !== undefined) {
        return fail(`--${name} takes no value; write just --${name}`, usageOf(verb), verb);
      }
      flags[name] = true;
      continue;
    }
    let value: string | undefined = inline;
    if (value === undefined) {
      const parts: string[] = [];
      while (i + 1 < tokens.length) {
        const next = tokens[i + 1] as Token;
        if (!next.quoted && next.text.startsWith('--')) break;
        parts.push(next.text);
        i += 1;
        // A quoted value is the whole value; an unquoted reason runs to the next flag.
        if (!flag.rest || next.quoted) break;
      }
      value = parts.length > 0 ? parts.join(' ') : undefined;
    }
    if (value === undefined || value.trim() === '') {
      return fail(`--${name} needs a value (${flag.value})`, usageOf(verb), verb);
    }
    const length = reasonLength(value.trim());
    if (flag.maxChars !== undefined && length > flag.maxChars) {
      return fail(
        `--${name} is at most ${flag.maxChars} characters; this one has ${length}. Say it in fewer words`,
        usageOf(verb),
        verb,
      );
    }
    flags[name] = value.trim();
  }
  return { ok: true, positionals, flags };
}

function build(
  verb: DrVerb,
  positionals: string[],
  flags: Record<string, string | true>,
): ParseResult {
  const spec: VerbSpec = DR_VERBS[verb];
  const usage = usageOf(verb);
  const required = spec.positionals.filter((p) => !p.optional);
  if (positionals.length < required.length) {
    const missing = required[positionals.length]?.name ?? 'ENV';
    const what = missing === 'OP_ID' ? 'an operation id (op-…)' : 'an environment';
    return fail(`/dr ${verb} needs ${what}`, usage, verb);
  }
  if (positionals.length > spec.positionals.length) {
    const extra = positionals.slice(spec.positionals.length).join(' ');
    const quoteHint = Object.values(spec.flags).some((f) => f.rest)
      ? ' (put a reason in quotes after --reason)'
      : '';
    return fail(`/dr ${verb} does not take "${extra}"${quoteHint}`, usage, verb);
  }
  for (const [name, flag] of Object.entries(spec.flags)) {
    if (flag.required && flags[name] === undefined) {
      return fail(
        `/dr ${verb} needs --${name} ${flag.value ? `"${flag.value}"` : ''}: ${flag.help}`.trim(),
        usage,
        verb,
      );
    }
  }
  const [first] = positionals;
  const text = (name: string) => (typeof flags[name] === 'string' ? flags[name] : undefined);
  const opId = (first ?? '').toLowerCase();
  if (spec.positionals[0]?.name === 'OP_ID' && !OP_ID.test(opId)) {
    return fail(`"${first ?? ''}" is not an operation id; ids look like op-1a2b3c4d`, usage, verb);
  }
  switch (verb) {
    case 'help':
      return { ok: true, command: { verb: 'help' } };
    case 'status':
      return { ok: true, command: { verb, ...(first ? { environment: first } : {}) } };
    case 'backup':
    case 'drill':
      return { ok: true, command: { verb, environment: first ?? '' } };
    case 'failover': {
      const to = text('to');
      return {
        ok: true,
        command: {
          verb,
          environment: first ?? '',
          ...(to ? { toRegion: to.toLowerCase() } : {}),
          planned: flags.planned === true,
          reason: text('reason') ?? '',
        },
      };
    }
    case 'failback':
      return {
        ok: true,
        command: { verb, environment: first ?? '', reason: text('reason') ?? '' },
      };
    case 'approve':
    case 'cancel':
      return { ok: true, command: { verb, operationId: opId } };
    case 'deny': {
      const reason = text('reason');
      return { ok: true, command: { verb, operationId: opId, ...(reason ? { reason } : {}) } };
    }
    case 'history': {
      const raw = text('limit');
      const limit = raw === undefined ? DEFAULT_HISTORY_LIMIT : Number(raw);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HISTORY_LIMIT) {
        return fail(
          `--limit must be a whole number from 1 to ${MAX_HISTORY_LIMIT}, not "${raw ?? ''}"`,
          usage,
          verb,
        );
      }
      return { ok: true, command: { verb, ...(first ? { environment: first } : {}), limit } };
    }
  }
}

function fail(error: string, instead = '/dr help', verb?: DrVerb): ParseFailure {
  return { ok: false, error, instead, ...(verb ? { verb } : {}) };
}
