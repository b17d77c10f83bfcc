import { AwsError } from './aws-error';
import {
  backupJobJson,
  copyJobJson,
  jobStateNow,
  recoveryPointJson,
  restoreJobJson,
} from './backup-json';
import { findPointInVault, findVault } from './backup-operations';
import type { BackupJobRecord, CopyJobRecord, RestoreJobRecord } from './emulator-state';
import type { EmulatorResponse, OperationContext } from './emulator-request';
import { epochSeconds, jsonResponse } from './json-response';
import { paginate } from './paginate';

/** A timestamp query parameter (RFC 3339, as the SDK sends it); undefined when absent. */
function timeParam(context: OperationContext, name: string): number | undefined {
  const value = context.request.query.get(name);
  if (value === null || value === '') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new AwsError('InvalidParameterValueException', 400, `Invalid ${name}: ${value}`);
  return ms;
}

/** Whether a time lies strictly between the named after/before query parameters (each optional). */
function timeWindow(
  context: OperationContext,
  afterName = 'createdAfter',
  beforeName = 'createdBefore',
): (ms: number) => boolean {
  const after = timeParam(context, afterName);
  const before = timeParam(context, beforeName);
  return (ms) => (after === undefined || ms > after) && (before === undefined || ms < before);
}

/**
 * The filters ListRecoveryPointsByBackupVault, ListBackupJobs and ListCopyJobs share: resourceArn
 * (noted as the call's resource), resourceType and createdAfter/createdBefore, each optional.
 */
function resourceFilter(
  context: OperationContext,
): (item: { resourceArn: string; resourceType: string; createdAtMs: number }) => boolean {
  const q = context.request.query;
  const resourceArn = q.get('resourceArn');
  const resourceType = q.get('resourceType');
  const created = timeWindow(context);
  if (resourceArn) context.noteResource(resourceArn);
  return (item) =>
    (!resourceArn || item.resourceArn === resourceArn) &&
    (!resourceType || item.resourceType === resourceType) &&
    created(item.createdAtMs);
}

function page<T>(context: OperationContext, items: readonly T[], filterKey: string) {
  return paginate(items, {
    nextToken: context.request.query.get('nextToken'),
    maxResults: context.request.query.get('maxResults'),
    defaultPageSize: context.pageSize,
    filterKey,
  });
}

function filterKeyOf(context: OperationContext): string {
  const params = [...context.request.query.entries()]
    .filter(([k]) => k !== 'nextToken' && k !== 'maxResults')
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `${context.region}|${context.request.path}|${JSON.stringify(params)}`;
}

export function listRecoveryPointsByBackupVault(
  context: OperationContext,
  vaultName: string,
): EmulatorResponse {
  const vault = findVault(context, vaultName);
  const shared = resourceFilter(context);
  const points = context.state.recoveryPoints
    .filter((p) => p.region === vault.region && p.vaultName === vault.name && shared(p))
    .sort((a, b) => b.createdAtMs - a.createdAtMs);
  const { page: items, nextToken } = page(context, points, filterKeyOf(context));
  return jsonResponse({ RecoveryPoints: items.map(recoveryPointJson), NextToken: nextToken });
}

/**
 * ListBackupJobs and ListCopyJobs: the region's jobs of one kind, filtered by the query fields
 * both share (resourceArn, resourceType, state, createdAfter/Before) and by `matches` for the
 * kind's own, newest first, a page at a time.
 */
function listJobs<J extends BackupJobRecord | CopyJobRecord>(
  context: OperationContext,
  kind: J['kind'],
  matches: (job: J, query: URLSearchParams) => boolean,
  render: (job: J) => unknown,
  listKey: 'BackupJobs' | 'CopyJobs',
): EmulatorResponse {
  const q = context.request.query;
  const wantedState = q.get('state');
  const shared = resourceFilter(context);
  const jobs = context.state.jobs
    .filter((j): j is J => j.kind === kind && j.region === context.region)
    .filter(
      (j) =>
        shared(j) &&
        matches(j, q) &&
        (!wantedState ||
          jobStateNow(context.state, j, context.nowMs, context.jobMs) === wantedState),
    )
    .sort((a, b) => b.createdAtMs - a.createdAtMs);
  const { page: items, nextToken } = page(context, jobs, filterKeyOf(context));
  return jsonResponse({ [listKey]: items.map(render), NextToken: nextToken });
}

export function listBackupJobs(context: OperationContext): EmulatorResponse {
  return listJobs<BackupJobRecord>(
    context,
    'backup',
    (j, q) => !q.get('backupVaultName') || j.vaultName === q.get('backupVaultName'),
    (j) => backupJobJson(context, j),
    'BackupJobs',
  );
}

export function listCopyJobs(context: OperationContext): EmulatorResponse {
  return listJobs<CopyJobRecord>(
    context,
    'copy',
    (j, q) =>
      (!q.get('destinationVaultArn') || j.destinationVaultArn === q.get('destinationVaultArn')) &&
      (!q.get('sourceRecoveryPointArn') ||
        j.sourceRecoveryPointArn === q.get('sourceRecoveryPointArn')),
    (j) => copyJobJson(context, j),
    'CopyJobs',
  );
}

function restoreJobsPage(context: OperationContext, jobs: RestoreJobRecord[]): EmulatorResponse {
  const sorted = [...jobs].sort((a, b) => b.createdAtMs - a.createdAtMs);
  const { page: items, nextToken } = page(context, sorted, filterKeyOf(context));
  return jsonResponse({
    RestoreJobs: items.map((j) => restoreJobJson(context, j)),
    NextToken: nextToken,
  });
}

function regionRestoreJobs(context: OperationContext): RestoreJobRecord[] {
  const wantedStatus = context.request.query.get('status');
  return context.state.jobs
    .filter((j): j is RestoreJobRecord => j.kind === 'restore' && j.region === context.region)
    .filter(
      (j) =>
        !wantedStatus ||
        jobStateNow(context.state, j, context.nowMs, context.jobMs) === wantedStatus,
    );
}

export function listRestoreJobs(context: OperationContext): EmulatorResponse {
  const resourceType = context.request.query.get('resourceType');
  const created = timeWindow(context);
  return restoreJobsPage(
    context,
    regionRestoreJobs(context).filter(
      (j) => (!resourceType || j.resourceType === resourceType) && created(j.createdAtMs),
    ),
  );
}

export function listRestoreJobsByProtectedResource(
  context: OperationContext,
  resourceArn: string,
): EmulatorResponse {
  context.noteResource(resourceArn);
  const pointCreated = timeWindow(
    context,
    'recoveryPointCreationDateAfter',
    'recoveryPointCreationDateBefore',
  );
  return restoreJobsPage(
    context,
    regionRestoreJobs(context).filter(
      (j) => j.sourceResourceArn === resourceArn && pointCreated(j.recoveryPointCreatedAtMs),
    ),
  );
}

function findPoint(context: OperationContext, vaultName: string, recoveryPointArn: string) {
  return findPointInVault(context, findVault(context, vaultName), recoveryPointArn);
}

export function getRecoveryPointRestoreMetadata(
  context: OperationContext,
  vaultName: string,
  recoveryPointArn: string,
): EmulatorResponse {
  const point = findPoint(context, vaultName, recoveryPointArn);
  return jsonResponse({
    BackupVaultArn: point.vaultArn,
    RecoveryPointArn: point.recoveryPointArn,
    RestoreMetadata: point.restoreMetadata,
    ResourceType: point.resourceType,
  });
}

export function describeRecoveryPoint(
  context: OperationContext,
  vaultName: string,
  recoveryPointArn: string,
): EmulatorResponse {
  return jsonResponse(recoveryPointJson(findPoint(context, vaultName, recoveryPointArn)));
}

export function describeBackupVault(
  context: OperationContext,
  vaultName: string,
): EmulatorResponse {
  const vault = findVault(context, vaultName);
  return jsonResponse({
    BackupVaultName: vault.name,
    BackupVaultArn: vault.arn,
    VaultType: 'BACKUP_VAULT',
    VaultState: 'AVAILABLE',
    EncryptionKeyArn: vault.encryptionKeyArn,
    CreationDate: epochSeconds(0),
    NumberOfRecoveryPoints: context.state.recoveryPoints.filter(
      (p) => p.region === vault.region && p.vaultName === vault.name,
    ).length,
    Locked: false,
  });
}
