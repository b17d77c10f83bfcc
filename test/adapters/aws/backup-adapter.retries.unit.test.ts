import { BackupClient, type BackupClientConfig } from '@aws-sdk/client-backup';
import { createBackupAdapter } from '../../../src/adapters/aws/backup-adapter';
import { LifeboatError } from '../../../src/errors';
import {
  awsError,
  fakeHttpHandler,
  type FakeResponse,
  TEST_CREDENTIALS,
} from './support/fake-http-handler';

const REGION = 'eu-west-1';
const START = {
  vaultName: 'shop-prod',
  resourceArn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders',
  iamRoleArn: 'arn:aws:iam::111122223333:role/lifeboat-backup',
  idempotencyToken: 'token-1',
};
const STARTED: FakeResponse = {
  status: 200,
  body: { BackupJobId: 'job-1', CreationDate: 1_700_000_000 },
};

function adapterAnswering(script: (FakeResponse | Error)[], maxAttempts = 3) {
  const fake = fakeHttpHandler(script);
  const adapter = createBackupAdapter({
    credentials: TEST_CREDENTIALS,
    maxAttempts,
    endpoint: 'http://aws.test',
    createClient: (config: BackupClientConfig) =>
      new BackupClient({
        ...config,
        requestHandler: fake.handler as unknown as BackupClientConfig['requestHandler'],
      }),
  });
  return { adapter, requests: fake.requests };
}

async function failure(promise: Promise<unknown>): Promise<LifeboatError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LifeboatError) return error;
    throw error;
  }
  throw new Error('expected a LifeboatError');
}

describe('BackupPort retries through the real SDK client', () => {
  it('retries throttling and then succeeds', async () => {
    const { adapter, requests } = adapterAnswering([
      awsError(429, 'ThrottlingException', 'Rate exceeded'),
      STARTED,
    ]);
    await expect(adapter.startBackupJob(REGION, START)).resolves.toEqual({ jobId: 'job-1' });
    expect(requests).toHaveLength(2);
  });

  it('sends the same idempotency token on the retry', async () => {
    const { adapter, requests } = adapterAnswering([
      awsError(503, 'ServiceUnavailableException', 'down'),
      STARTED,
    ]);
    await adapter.startBackupJob(REGION, START);
    expect(
      requests.map((r) => (JSON.parse(r.body) as { IdempotencyToken: string }).IdempotencyToken),
    ).toEqual(['token-1', 'token-1']);
  });

  it('retries 5xx up to maxAttempts, then reports aws_unavailable as retryable', async () => {
    const { adapter, requests } = adapterAnswering([awsError(500, 'InternalFailure', 'boom')], 2);
    const error = await failure(adapter.startBackupJob(REGION, START));
    expect(requests).toHaveLength(2);
    expect(error.code).toBe('aws_unavailable');
    expect(error.retryable).toBe(true);
    expect(error.meta.attempts).toBe(2);
  });

  it('retries network errors, then reports aws_unavailable', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), {
      code: 'ECONNREFUSED',
    });
    const { adapter, requests } = adapterAnswering([refused], 2);
    const error = await failure(adapter.describeBackupJob(REGION, 'job-1'));
    expect(requests).toHaveLength(2);
    expect(error.code).toBe('aws_unavailable');
  });

  it('does not retry access denied, and names the IAM action', async () => {
    const { adapter, requests } = adapterAnswering([
      awsError(
        403,
        'AccessDeniedException',
        'User is not authorized to perform backup:StartBackupJob',
      ),
    ]);
    const error = await failure(adapter.startBackupJob(REGION, START));
    expect(requests).toHaveLength(1);
    expect(error.code).toBe('aws_access_denied');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(`needs backup:StartBackupJob on ${START.resourceArn}`);
  });

  it('does not retry a validation error, and names the field', async () => {
    const { adapter, requests } = adapterAnswering([
      awsError(400, 'InvalidParameterValueException', 'Invalid value for parameter IamRoleArn'),
    ]);
    const error = await failure(adapter.startBackupJob(REGION, START));
    expect(requests).toHaveLength(1);
    expect(error.code).toBe('aws_validation');
    expect(error.meta.field).toBe('IamRoleArn');
  });

  it('parses wire dates into ISO strings', async () => {
    const { adapter } = adapterAnswering([
      {
        status: 200,
        body: {
          BackupJobId: 'job-1',
          State: 'COMPLETED',
          CreationDate: 1_700_000_000,
          CompletionDate: 1_700_000_060,
        },
      },
    ]);
    await expect(adapter.describeBackupJob(REGION, 'job-1')).resolves.toMatchObject({
      state: 'COMPLETED',
      createdAt: '2023-11-14T22:13:20.000Z',
      completedAt: '2023-11-14T22:14:20.000Z',
    });
  });
});
