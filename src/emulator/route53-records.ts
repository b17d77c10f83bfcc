import { AwsError } from './aws-error';
import type { ChangeState, RecordSetState } from './emulator-state';
import { dnsName } from './seed-emulator-state';

export interface RecordChange {
  action: string;
  record: RecordSetState;
}

const TYPES = [
  'A',
  'AAAA',
  'CAA',
  'CNAME',
  'DS',
  'MX',
  'NAPTR',
  'NS',
  'PTR',
  'SOA',
  'SPF',
  'SRV',
  'TXT',
] as const;

const invalidBatch = (message: string) => new AwsError('InvalidChangeBatch', 400, `[${message}]`);
const describe = (r: RecordSetState) => `[name='${r.name}', type='${r.type}']`;

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sortedA = [...a].sort();
  const sortedB = [...b].sort();
  return sortedA.every((v, i) => v === sortedB[i]);
}

/** Reads the changes of a ChangeResourceRecordSets body already parsed from XML. */
export function readChanges(parsed: unknown): { changes: RecordChange[]; comment?: string } {
  const batch = (
    parsed as { ChangeResourceRecordSetsRequest?: { ChangeBatch?: Record<string, unknown> } }
  )?.ChangeResourceRecordSetsRequest?.ChangeBatch;
  const rawChanges = (batch?.['Changes'] as { Change?: unknown[] } | undefined)?.Change;
  if (!batch || !Array.isArray(rawChanges) || rawChanges.length === 0) {
    throw new AwsError('InvalidInput', 400, 'Invalid request: the ChangeBatch has no Changes');
  }
  const changes = rawChanges.map((raw): RecordChange => {
    const change = raw as { Action?: string; ResourceRecordSet?: Record<string, unknown> };
    const set = change.ResourceRecordSet;
    const action = change.Action ?? '';
    if (!['CREATE', 'DELETE', 'UPSERT'].includes(action) || !set) {
      throw new AwsError(
        'InvalidInput',
        400,
        `Invalid request: a Change needs an Action (CREATE, DELETE, UPSERT) and a ResourceRecordSet`,
      );
    }
    const name = typeof set['Name'] === 'string' ? set['Name'] : '';
    const type = typeof set['Type'] === 'string' ? set['Type'] : '';
    if (!name || !(TYPES as readonly string[]).includes(type)) {
      throw new AwsError(
        'InvalidInput',
        400,
        `Invalid request: invalid Name or Type in Change [Action=${action}, Name=${name}, Type=${type}]`,
      );
    }
    const values = (
      (set['ResourceRecords'] as { ResourceRecord?: { Value?: string }[] } | undefined)
        ?.ResourceRecord ?? []
    )
      .map((r) => r.Value ?? '')
      .filter((v) => v.length > 0);
    const ttl = typeof set['TTL'] === 'string' ? Number(set['TTL']) : NaN;
    if (!Number.isInteger(ttl) || ttl < 0 || values.length === 0) {
      throw new AwsError(
        'InvalidInput',
        400,
        `Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none in Change with [Action=${action}, Name=${name}, Type=${type}, SetIdentifier=null]`,
      );
    }
    if (type === 'CNAME' && values.length > 1) {
      throw invalidBatch(
        `RRSet of type CNAME with DNS name ${dnsName(name)} is not permitted to have more than one value`,
      );
    }
    return { action, record: { name: dnsName(name), type, ttl, values } };
  });
  const comment = typeof batch['Comment'] === 'string' ? batch['Comment'] : undefined;
  return comment === undefined ? { changes } : { changes, comment };
}

/**
 * Applies a batch the way Route 53 does: one change after another on a working copy, all or
 * nothing. A DELETE must match the current record exactly (TTL and values); a CREATE must not
 * find one. The first failure throws InvalidChangeBatch and leaves the zone as it was.
 */
export function applyChanges(
  records: readonly RecordSetState[],
  changes: readonly RecordChange[],
): RecordSetState[] {
  const working = records.map((r) => ({ ...r, values: [...r.values] }));
  for (const { action, record } of changes) {
    const index = working.findIndex((r) => r.name === record.name && r.type === record.type);
    const current = index === -1 ? undefined : working[index];
    if (action !== 'DELETE') {
      const conflict = working.find(
        (r) =>
          r.name === record.name &&
          r.type !== record.type &&
          (r.type === 'CNAME' || record.type === 'CNAME'),
      );
      if (conflict) {
        throw invalidBatch(
          `RRSet of type ${record.type} with DNS name ${record.name} is not permitted because a conflicting RRSet of type ${conflict.type} with the same DNS name already exists`,
        );
      }
    }
    if (action === 'CREATE') {
      if (current)
        throw invalidBatch(
          `Tried to create resource record set ${describe(record)} but it already exists`,
        );
      working.push(record);
    } else if (action === 'DELETE') {
      if (!current)
        throw invalidBatch(
          `Tried to delete resource record set ${describe(record)} but it was not found`,
        );
      if (current.ttl !== record.ttl || !sameValues(current.values, record.values)) {
        throw invalidBatch(
          `Tried to delete resource record set ${describe(record)} but the values provided do not match the current values`,
        );
      }
      working.splice(index, 1);
    } else if (current) {
      working[index] = record;
    } else {
      working.push(record);
    }
  }
  return working;
}

/** Route 53's listing order: by name with its labels reversed (com.example.www), then by type. */
export function recordOrderKey(record: { name: string; type: string }): string {
  return `${record.name.replace(/\.$/, '').split('.').reverse().join('.')}\u0000${record.type}`;
}

/** A change is PENDING for jobMs after it was submitted, then INSYNC. */
export function changeStatus(
  change: ChangeState,
  nowMs: number,
  jobMs: number,
): 'PENDING' | 'INSYNC' {
  return nowMs - change.submittedAtMs >= jobMs ? 'INSYNC' : 'PENDING';
}
