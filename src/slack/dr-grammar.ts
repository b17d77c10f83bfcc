import { MAX_REASON_CHARS } from '../core/reason-length';

/** The grammar of `/dr`, as the contract writes it: one spec per verb, read by the parser and the help. */
export interface FlagSpec {
  /** The value's placeholder; absent for a switch such as --planned. */
  value?: string;
  required?: boolean;
  /** The value runs to the next flag, so an unquoted reason of several words still works. */
  rest?: boolean;
  /** The longest value taken, in characters. */
  maxChars?: number;
  help: string;
}

export interface VerbSpec {
  positionals: readonly { name: 'ENV' | 'OP_ID' | 'VERB'; optional?: boolean }[];
  flags: Readonly<Record<string, FlagSpec>>;
  summary: string;
  example: string;
}

/** --reason of a failover or failback: required, and it runs to the next flag. */
const REASON_FLAG = {
  value: 'TEXT',
  required: true,
  rest: true,
  maxChars: MAX_REASON_CHARS,
  help: `why, for the approvers and the audit log (at most ${MAX_REASON_CHARS} characters)`,
} as const satisfies FlagSpec;

export const DR_VERBS = {
  help: {
    positionals: [{ name: 'VERB', optional: true }],
    flags: {},
    summary: 'Lists the commands, or explains one.',
    example: '/dr help failover',
  },
  status: {
    positionals: [{ name: 'ENV', optional: true }],
    flags: {},
    summary:
      'Where each environment runs, its RPO exposure against the target, the newest copied recovery point, the next backup, the last drill and any running operation.',
    example: '/dr status shop-prod',
  },
  backup: {
    positionals: [{ name: 'ENV' }],
    flags: {},
    summary: 'Backs the environment up now and copies it to its recovery region.',
    example: '/dr backup shop-prod',
  },
  failover: {
    positionals: [{ name: 'ENV' }],
    flags: {
      to: { value: 'REGION', help: 'the region to fail over to (default: the recovery region)' },
      planned: {
        help: 'the active region is up: take a final backup and copy first, so little data is lost',
      },
      reason: REASON_FLAG,
    },
    summary:
      'Requests a failover: restore from the newest recovery point in another region and move DNS there. Needs the approval of another approver.',
    example: '/dr failover shop-prod --to eu-central-1 --reason "eu-west-1 is down"',
  },
  failback: {
    positionals: [{ name: 'ENV' }],
    flags: {
      reason: REASON_FLAG,
    },
    summary:
      'Requests a failback home to the primary region (a final backup and copy first). Needs the approval of another approver.',
    example: '/dr failback shop-prod --reason "eu-west-1 is healthy again"',
  },
  drill: {
    positionals: [{ name: 'ENV' }],
    flags: {},
    summary:
      'Requests a drill: restore in the recovery region, check it, measure RTO and data loss, tear it down. DNS does not move.',
    example: '/dr drill shop-prod',
  },
  approve: {
    positionals: [{ name: 'OP_ID' }],
    flags: {},
    summary: 'Approves a requested operation (the same as its Approve button).',
    example: '/dr approve op-1a2b3c4d',
  },
  deny: {
    positionals: [{ name: 'OP_ID' }],
    flags: {
      reason: {
        value: 'TEXT',
        rest: true,
        maxChars: MAX_REASON_CHARS,
        help: `why, for the requester (at most ${MAX_REASON_CHARS} characters)`,
      },
    },
    summary: 'Denies a requested operation; one denial ends it.',
    example: '/dr deny op-1a2b3c4d --reason "not during the sale"',
  },
  cancel: {
    positionals: [{ name: 'OP_ID' }],
    flags: {},
    summary:
      'Cancels an operation before it moves traffic (a running one stops at its next step and tears down what it restored). For the requester or an approver.',
    example: '/dr cancel op-1a2b3c4d',
  },
  history: {
    positionals: [{ name: 'ENV', optional: true }],
    flags: { limit: { value: 'N', help: 'how many entries, 1 to 100 (default 20)' } },
    summary: 'The audit log: commands, votes, refusals, steps and outcomes, newest first.',
    example: '/dr history shop-prod --limit 50',
  },
} as const satisfies Record<string, VerbSpec>;

export type DrVerb = keyof typeof DR_VERBS;

export function isDrVerb(word: string): word is DrVerb {
  return Object.hasOwn(DR_VERBS, word);
}

/** `/dr failover ENV [--to REGION] [--planned] --reason "TEXT"` */
export function usageOf(verb: DrVerb): string {
  const spec: VerbSpec = DR_VERBS[verb];
  const words = [`/dr ${verb}`];
  for (const p of spec.positionals) words.push(p.optional ? `[${p.name}]` : p.name);
  for (const [name, flag] of Object.entries(spec.flags)) {
    const value = flag.value ? (flag.rest ? ` "${flag.value}"` : ` ${flag.value}`) : '';
    words.push(flag.required ? `--${name}${value}` : `[--${name}${value}]`);
  }
  return words.join(' ');
}
