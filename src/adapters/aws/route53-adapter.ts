import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  GetHealthCheckStatusCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
  type Route53ClientConfig,
  type RRType,
} from '@aws-sdk/client-route-53';
import { ErrorCode, LifeboatError } from '../../errors';
import type { DnsPort, DnsRecord } from '../../ports/dns-port';
import type { HealthPort } from '../../ports/health-port';
import { awsClientConfig, type AwsClientOptions } from './aws-client-options';
import { type AwsCallContext, toLifeboatError } from './aws-error';
import { normalizeDnsName } from './dns-name';
import { summarizeHealth } from './summarize-health';

/** Route 53's control plane lives in one region, whatever region the records point at. */
const ROUTE53_REGION = 'us-east-1';

export interface Route53AdapterOptions extends AwsClientOptions {
  createClient?: (config: Route53ClientConfig) => Route53Client;
}

/** DnsPort and HealthPort on Route 53 (one client, us-east-1). */
export function createRoute53Adapter(options: Route53AdapterOptions = {}): DnsPort & HealthPort {
  const create =
    options.createClient ?? ((config: Route53ClientConfig) => new Route53Client(config));
  let client: Route53Client | undefined;
  const clientFor = () => (client ??= create(awsClientConfig(ROUTE53_REGION, options)));

  async function call<T>(
    context: AwsCallContext,
    run: (client: Route53Client) => Promise<T>,
  ): Promise<T> {
    try {
      return await run(clientFor());
    } catch (error) {
      throw toLifeboatError(error, context);
    }
  }

  async function getRecord(
    hostedZoneId: string,
    name: string,
    type: string,
  ): Promise<DnsRecord | undefined> {
    const wanted = normalizeDnsName(name);
    const out = await call(
      { action: 'route53:ListResourceRecordSets', resource: `${hostedZoneId}/${wanted}` },
      (c) =>
        c.send(
          new ListResourceRecordSetsCommand({
            HostedZoneId: hostedZoneId,
            StartRecordName: wanted,
            StartRecordType: type as RRType,
            // Records of one name and type sort together; weighted or failover sets may be several.
            MaxItems: 10,
          }),
        ),
    );
    const sets = (out.ResourceRecordSets ?? []).filter(
      (set) => set.Type === type && set.Name !== undefined && normalizeDnsName(set.Name) === wanted,
    );
    const set = sets.find((candidate) => candidate.SetIdentifier === undefined) ?? sets[0];
    if (!set) return undefined;
    const values = set.AliasTarget?.DNSName
      ? [normalizeDnsName(set.AliasTarget.DNSName)]
      : (set.ResourceRecords ?? []).flatMap((record) =>
          record.Value === undefined ? [] : [record.Value],
        );
    return { name: wanted, type, ttl: set.TTL ?? 0, values };
  }

  return {
    async getRecords(hostedZoneId, names) {
      const records: DnsRecord[] = [];
      for (const { name, type } of names) {
        const record = await getRecord(hostedZoneId, name, type);
        if (record) records.push(record);
      }
      return records;
    },

    async upsertRecords(hostedZoneId, records, comment) {
      const context = {
        action: 'route53:ChangeResourceRecordSets',
        resource: `hostedzone/${hostedZoneId.replace(/^\/?hostedzone\//, '')}`,
      };
      if (records.length === 0) {
        throw new LifeboatError(
          ErrorCode.AwsValidation,
          `${context.action}: no records to change`,
          {
            meta: { ...context, field: 'Changes' },
          },
        );
      }
      const out = await call(context, (c) =>
        c.send(
          new ChangeResourceRecordSetsCommand({
            HostedZoneId: hostedZoneId,
            ChangeBatch: {
              Comment: comment,
              Changes: records.map((record) => ({
                Action: 'UPSERT',
                ResourceRecordSet: {
                  Name: normalizeDnsName(record.name),
                  Type: record.type as RRType,
                  TTL: record.ttl,
                  ResourceRecords: [{ Value: record.value }],
                },
              })),
            },
          }),
        ),
      );
      const changeId = out.ChangeInfo?.Id;
      if (!changeId) {
        throw new LifeboatError(ErrorCode.Internal, `${context.action} returned no change id`, {
          meta: context,
        });
      }
      return { changeId: changeId.replace(/^\/?change\//, '') };
    },

    async getChange(changeId) {
      const id = changeId.replace(/^\/?change\//, '');
      const out = await call({ action: 'route53:GetChange', resource: `change/${id}` }, (c) =>
        c.send(new GetChangeCommand({ Id: id })),
      );
      return { changeId: id, status: out.ChangeInfo?.Status === 'INSYNC' ? 'INSYNC' : 'PENDING' };
    },

    async getHealthCheckStatus(healthCheckId) {
      const out = await call(
        { action: 'route53:GetHealthCheckStatus', resource: `healthcheck/${healthCheckId}` },
        (c) => c.send(new GetHealthCheckStatusCommand({ HealthCheckId: healthCheckId })),
      );
      return summarizeHealth(out.HealthCheckObservations ?? []);
    },
  };
}
