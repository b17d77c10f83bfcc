/**
 * The traffic switch: Route 53 today (control plane, us-east-1). Promises:
 * - getRecords returns the current values of the named records, so a caller can skip a change
 *   that is already in place (Route 53 has no idempotency token);
 * - upsertRecords sends every change in one batch and returns its change id;
 * - getChange tells PENDING or INSYNC.
 */
export interface DnsRecord {
  name: string;
  type: string;
  ttl: number;
  values: string[];
}

export interface DnsPort {
  getRecords(hostedZoneId: string, names: { name: string; type: string }[]): Promise<DnsRecord[]>;
  upsertRecords(
    hostedZoneId: string,
    records: { name: string; type: string; ttl: number; value: string }[],
    comment: string,
  ): Promise<{ changeId: string }>;
  getChange(changeId: string): Promise<{ changeId: string; status: 'PENDING' | 'INSYNC' }>;
}
