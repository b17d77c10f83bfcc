import { AwsError } from './aws-error';
import { CALLER } from './caller';
import type { AwsService } from './aws-service';
import {
  describeBackupVault,
  describeRecoveryPoint,
  getRecoveryPointRestoreMetadata,
  listBackupJobs,
  listCopyJobs,
  listRecoveryPointsByBackupVault,
  listRestoreJobs,
  listRestoreJobsByProtectedResource,
} from './backup-list-operations';
import {
  describeBackupJob,
  describeCopyJob,
  startBackupJob,
  startCopyJob,
} from './backup-operations';
import { describeRestoreJob, startRestoreJob } from './restore-operations';
import type { EmulatorRequest, EmulatorResponse, OperationContext } from './emulator-request';
import { jsonResponse } from './json-response';

interface Route {
  operation: string;
  method: string;
  /** Path segments; `*` matches one label. */
  pattern: readonly string[];
  run: (context: OperationContext, labels: string[]) => EmulatorResponse;
}

const label = (labels: string[], i: number): string => labels[i] ?? '';

/** The AWS Backup operations Lifeboat calls, with restJson1's paths (from the SDK's models). */
const ROUTES: readonly Route[] = [
  {
    operation: 'StartBackupJob',
    method: 'PUT',
    pattern: ['backup-jobs'],
    run: (c) => startBackupJob(c),
  },
  {
    operation: 'DescribeBackupJob',
    method: 'GET',
    pattern: ['backup-jobs', '*'],
    run: (c, l) => describeBackupJob(c, label(l, 0)),
  },
  {
    operation: 'ListBackupJobs',
    method: 'GET',
    pattern: ['backup-jobs'],
    run: (c) => listBackupJobs(c),
  },
  { operation: 'StartCopyJob', method: 'PUT', pattern: ['copy-jobs'], run: (c) => startCopyJob(c) },
  { operation: 'ListCopyJobs', method: 'GET', pattern: ['copy-jobs'], run: (c) => listCopyJobs(c) },
  {
    operation: 'DescribeCopyJob',
    method: 'GET',
    pattern: ['copy-jobs', '*'],
    run: (c, l) => describeCopyJob(c, label(l, 0)),
  },
  {
    operation: 'StartRestoreJob',
    method: 'PUT',
    pattern: ['restore-jobs'],
    run: (c) => startRestoreJob(c),
  },
  {
    operation: 'ListRestoreJobs',
    method: 'GET',
    pattern: ['restore-jobs'],
    run: (c) => listRestoreJobs(c),
  },
  {
    operation: 'DescribeRestoreJob',
    method: 'GET',
    pattern: ['restore-jobs', '*'],
    run: (c, l) => describeRestoreJob(c, label(l, 0)),
  },
  {
    operation: 'ListRestoreJobsByProtectedResource',
    method: 'GET',
    pattern: ['resources', '*', 'restore-jobs'],
    run: (c, l) => listRestoreJobsByProtectedResource(c, label(l, 0)),
  },
  {
    operation: 'DescribeBackupVault',
    method: 'GET',
    pattern: ['backup-vaults', '*'],
    run: (c, l) => describeBackupVault(c, label(l, 0)),
  },
  {
    operation: 'ListRecoveryPointsByBackupVault',
    method: 'GET',
    pattern: ['backup-vaults', '*', 'recovery-points'],
    run: (c, l) => listRecoveryPointsByBackupVault(c, label(l, 0)),
  },
  {
    operation: 'DescribeRecoveryPoint',
    method: 'GET',
    pattern: ['backup-vaults', '*', 'recovery-points', '*'],
    run: (c, l) => describeRecoveryPoint(c, label(l, 0), label(l, 1)),
  },
  {
    operation: 'GetRecoveryPointRestoreMetadata',
    method: 'GET',
    pattern: ['backup-vaults', '*', 'recovery-points', '*', 'restore-metadata'],
    run: (c, l) => getRecoveryPointRestoreMetadata(c, label(l, 0), label(l, 1)),
  },
];

function match(request: EmulatorRequest): { route: Route; labels: string[] } | undefined {
  for (const route of ROUTES) {
    if (route.method !== request.method || route.pattern.length !== request.segments.length)
      continue;
    const labels: string[] = [];
    const ok = route.pattern.every((part, i) => {
      const segment = request.segments[i] ?? '';
      if (part === '*') {
        labels.push(segment);
        return segment.length > 0;
      }
      return part === segment;
    });
    if (ok) return { route, labels };
  }
  return undefined;
}

/** AWS Backup over restJson1: errors carry `x-amzn-ErrorType` and a JSON body with Code and Message. */
export const backupService: AwsService = {
  name: 'backup',
  operation: (request) => match(request)?.route.operation,
  effectiveRegion: (region) => region,
  handle(operation, context) {
    const found = match(context.request);
    if (!found || found.route.operation !== operation) {
      throw new AwsError(
        'UnknownOperationException',
        404,
        `Unknown operation ${context.request.method} ${context.request.path}`,
      );
    }
    return found.route.run(context, found.labels);
  },
  errorResponse(error, requestId) {
    const response = jsonResponse(
      {
        Code: error.code,
        Message: error.message,
        Type: error.status >= 500 ? 'Service' : 'User',
        Context: '',
      },
      'application/json',
      error.status,
    );
    response.headers['x-amzn-errortype'] = error.code;
    response.headers['x-amzn-requestid'] = requestId;
    return response;
  },
  faults: {
    throttle: () => new AwsError('ThrottlingException', 400, 'Rate exceeded'),
    internal: () =>
      new AwsError(
        'ServiceUnavailableException',
        503,
        'The service is temporarily unavailable; retry later',
      ),
    accessDenied: (operation) =>
      new AwsError(
        'AccessDeniedException',
        403,
        `User: ${CALLER} is not authorized to perform: backup:${operation}`,
      ),
    unavailable: () =>
      new AwsError('ServiceUnavailableException', 503, 'AWS Backup is unavailable in this region'),
  },
};
