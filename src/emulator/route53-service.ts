import { AwsError } from './aws-error';
import { CALLER } from './caller';
import { awsIds } from './aws-ids';
import type { AwsService } from './aws-service';
import type { ChangeState, RecordSetState } from './emulator-state';
import type { EmulatorRequest, EmulatorResponse, OperationContext } from './emulator-request';
import { applyChanges, changeStatus, readChanges, recordOrderKey } from './route53-records';
import { dnsName } from './seed-emulator-state';
import { parseXml, xmlDocument, xmlElement } from './xml';
import { xmlErrorResponse } from './xml-error-response';
import { healthCheckHealthy } from './health-check-healthy';

const ROUTE53_NAMESPACE = 'https://route53.amazonaws.com/doc/2013-04-01/' as const;
/** Route 53's control plane lives in us-east-1. */
const ROUTE53_REGION = 'us-east-1' as const;
const API = '2013-04-01' as const;
const MAX_ITEMS_DEFAULT = 100 as const;
/** Where Route 53's health checkers observe from (three of them, as GetHealthCheckStatus lists). */
const CHECKERS = [
  { region: 'us-east-1', ip: '15.177.2.10' },
  { region: 'eu-west-1', ip: '15.177.10.10' },
  { region: 'ap-southeast-1', ip: '15.177.34.10' },
] as const;
const SUCCESS_STATUS = 'Success: HTTP Status Code 200, OK' as const;
const FAILURE_STATUS =
  'Failure: Connection timed out. The endpoint or the internet connection is down, or requests are being blocked by your firewall. See https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-router-firewall-rules.html' as const;

function xmlResponse(root: string, inner: string): EmulatorResponse {
  return {
    status: 200,
    headers: { 'content-type': 'text/xml' },
    body: xmlDocument(root, ROUTE53_NAMESPACE, inner),
  };
}

/** Strips the `/hostedzone/`, `/change/` prefixes a caller may leave in an id. */
function bareId(id: string, prefix: string): string {
  return id.startsWith(`/${prefix}/`)
    ? id.slice(prefix.length + 2)
    : id.startsWith(`${prefix}/`)
      ? id.slice(prefix.length + 1)
      : id;
}

function operationOf(request: EmulatorRequest): { operation: string; id: string } | undefined {
  const [api, kind, id = '', tail, ...rest] = request.segments;
  if (api !== API || rest.length > 0) return undefined;
  if (kind === 'hostedzone' && tail === 'rrset') {
    if (request.method === 'POST') return { operation: 'ChangeResourceRecordSets', id };
    if (request.method === 'GET') return { operation: 'ListResourceRecordSets', id };
  }
  if (kind === 'change' && tail === undefined && request.method === 'GET')
    return { operation: 'GetChange', id };
  if (kind === 'healthcheck' && tail === 'status' && request.method === 'GET') {
    return { operation: 'GetHealthCheckStatus', id };
  }
  return undefined;
}

function zoneOf(context: OperationContext, id: string) {
  const zoneId = bareId(id, 'hostedzone');
  const zone = context.state.hostedZones[zoneId];
  if (!zone) throw new AwsError('NoSuchHostedZone', 404, `No hosted zone found with ID: ${zoneId}`);
  return zone;
}

function changeInfoXml(context: OperationContext, change: ChangeState): string {
  return `<ChangeInfo>${xmlElement('Id', `/change/${change.id}`)}${xmlElement('Status', changeStatus(change, context.nowMs, context.jobMs))}${xmlElement(
    'SubmittedAt',
    new Date(change.submittedAtMs).toISOString(),
  )}${xmlElement('Comment', change.comment)}</ChangeInfo>`;
}

function recordXml(record: RecordSetState): string {
  const values = record.values
    .map((v) => `<ResourceRecord>${xmlElement('Value', v)}</ResourceRecord>`)
    .join('');
  return `<ResourceRecordSet>${xmlElement('Name', record.name)}${xmlElement('Type', record.type)}${xmlElement(
    'TTL',
    record.ttl,
  )}<ResourceRecords>${values}</ResourceRecords></ResourceRecordSet>`;
}

function changeResourceRecordSets(context: OperationContext, id: string): EmulatorResponse {
  const zone = zoneOf(context, id);
  let parsed: unknown;
  try {
    parsed = parseXml(context.request.body, ['Change', 'ResourceRecord']);
  } catch (error) {
    throw new AwsError('InvalidInput', 400, `Invalid XML ; ${(error as Error).message}`);
  }
  const { changes, comment } = readChanges(parsed);
  zone.records = applyChanges(zone.records, changes);
  const change: ChangeState = {
    id: awsIds.changeId(),
    submittedAtMs: context.nowMs,
    ...(comment ? { comment } : {}),
  };
  context.state.changes.push(change);
  return xmlResponse('ChangeResourceRecordSetsResponse', changeInfoXml(context, change));
}

function listResourceRecordSets(context: OperationContext, id: string): EmulatorResponse {
  const zone = zoneOf(context, id);
  const q = context.request.query;
  const startName = q.get('name');
  const startType = q.get('type');
  if (startType && !startName) {
    throw new AwsError('InvalidInput', 400, 'The input is not valid: type is set but name is not');
  }
  const maxItemsText = q.get('maxitems');
  const maxItems = maxItemsText ? Number(maxItemsText) : MAX_ITEMS_DEFAULT;
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 300) {
    throw new AwsError('InvalidInput', 400, `Invalid value for maxitems: ${maxItemsText ?? ''}`);
  }
  const sorted = [...zone.records].sort((a, b) => (recordOrderKey(a) < recordOrderKey(b) ? -1 : 1));
  const startKey = startName
    ? recordOrderKey({ name: dnsName(startName), type: startType ?? '' })
    : '';
  const from = sorted.filter((r) => recordOrderKey(r) >= startKey);
  const page = from.slice(0, maxItems);
  const next = from[maxItems];
  const inner =
    `<ResourceRecordSets>${page.map(recordXml).join('')}</ResourceRecordSets>` +
    xmlElement('IsTruncated', next !== undefined) +
    (next
      ? xmlElement('NextRecordName', next.name) + xmlElement('NextRecordType', next.type)
      : '') +
    xmlElement('MaxItems', maxItems);
  return xmlResponse('ListResourceRecordSetsResponse', inner);
}

function getChange(context: OperationContext, id: string): EmulatorResponse {
  const changeId = bareId(id, 'change');
  const change = context.state.changes.find((c) => c.id === changeId);
  if (!change)
    throw new AwsError('NoSuchChange', 404, `Could not find resource with ID: ${changeId}`);
  return xmlResponse('GetChangeResponse', changeInfoXml(context, change));
}

function getHealthCheckStatus(context: OperationContext, id: string): EmulatorResponse {
  const check = context.state.healthChecks[id];
  if (!check)
    throw new AwsError('NoSuchHealthCheck', 404, `A health check with id ${id} does not exist.`);
  const healthy = healthCheckHealthy(context.state, check);
  const checkedTime = new Date(context.nowMs).toISOString();
  const observations = CHECKERS.map(
    (checker) =>
      `<HealthCheckObservation>${xmlElement('Region', checker.region)}${xmlElement('IPAddress', checker.ip)}<StatusReport>${xmlElement(
        'Status',
        healthy ? SUCCESS_STATUS : FAILURE_STATUS,
      )}${xmlElement('CheckedTime', checkedTime)}</StatusReport></HealthCheckObservation>`,
  ).join('');
  return xmlResponse(
    'GetHealthCheckStatusResponse',
    `<HealthCheckObservations>${observations}</HealthCheckObservations>`,
  );
}

/** Route 53 over restXml: errors as `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>`. */
export const route53Service: AwsService = {
  name: 'route53',
  operation: (request) => operationOf(request)?.operation,
  effectiveRegion: () => ROUTE53_REGION,
  handle(operation, context) {
    const found = operationOf(context.request);
    const id = found?.id ?? '';
    switch (operation) {
      case 'ChangeResourceRecordSets':
        return changeResourceRecordSets(context, id);
      case 'ListResourceRecordSets':
        return listResourceRecordSets(context, id);
      case 'GetChange':
        return getChange(context, id);
      case 'GetHealthCheckStatus':
        return getHealthCheckStatus(context, id);
      default:
        throw new AwsError(
          'InvalidAction',
          400,
          `Unknown operation ${context.request.method} ${context.request.path}`,
        );
    }
  },
  errorResponse(error, requestId) {
    return xmlErrorResponse(ROUTE53_NAMESPACE, error, requestId);
  },
  faults: {
    throttle: () => new AwsError('Throttling', 400, 'Rate exceeded'),
    internal: () => new AwsError('ServiceUnavailable', 503, 'Service Unavailable'),
    unavailable: () =>
      new AwsError('ServiceUnavailable', 503, 'The Route 53 control plane is unavailable'),
    accessDenied: (operation) =>
      new AwsError(
        'AccessDenied',
        403,
        `User: ${CALLER} is not authorized to perform: route53:${operation}`,
      ),
  },
};
