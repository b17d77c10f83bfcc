/**
 * The AWS emulator: a local HTTP server that speaks the AWS wire protocols of the operations
 * Lifeboat calls, so the real SDK v3 clients talk to it through `endpoint` / AWS_ENDPOINT_URL.
 *
 * ```ts
 * const emulator = createAwsEmulator({ config, jobMs: 50 });      // config: loadConfig(path)
 * const { url, close } = await emulator.listen(0);                  // 127.0.0.1, any free port
 * new BackupClient({ endpoint: url, region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
 * emulator.control.setRegion('eu-west-1', { up: false });           // the control API, in-process
 * emulator.snapshot();                                              // what GET /_sandbox/state answers
 * await close();
 * ```
 *
 * Options: `config` (seeds the world), `jobMs` (how long every job, Route 53 change and delete
 * takes), `clock?` (src/clock.ts; default system), `pageSize?` (default page of Backup lists: 3, so
 * callers must page), `random?` (fault rolls), `callLogLimit?` (10,000). Besides `listen`, the
 * emulator offers `handler` (a Node request listener), `state` (live), `nowMs()`, `snapshot()`
 * and `control` (every control endpoint below as a method).
 *
 * SEED. Every region the configuration names (primary, recovery, allowed, health-check regions),
 * up; a vault per region and name, encrypted with `kmsKeys[region]` or else the region's
 * AWS-managed key (a stable `arn:aws:kms:REGION:ACCOUNT:key/…`); every resource; every hosted zone
 * with its records (names lower-cased with the trailing dot) holding the primary region's value;
 * every health check, healthy. No recovery points, no jobs.
 *
 * ROUTING. Service and region come from the SigV4 credential scope (`Credential=AK/DATE/REGION/
 * SERVICE/aws4_request`); signatures are not checked. Route 53 is global: its calls count as
 * us-east-1, whatever the client's region, and are not stopped by a dark region (see route53Up).
 *
 * AWS BACKUP (restJson1; errors: header `x-amzn-ErrorType` + `{"Code","Message","Type","Context"}`):
 * StartBackupJob, DescribeBackupJob, ListBackupJobs (resourceArn, backupVaultName, state,
 * resourceType, createdAfter/Before), StartCopyJob, DescribeCopyJob, ListCopyJobs (resourceArn,
 * state, resourceType, destinationVaultArn, sourceRecoveryPointArn, createdAfter/Before),
 * StartRestoreJob, DescribeRestoreJob, ListRestoreJobs (status, resourceType, createdAfter/Before;
 * AWS has no resource filter here), ListRestoreJobsByProtectedResource (GET
 * /resources/{arn}/restore-jobs: the by-resource search), ListRecoveryPointsByBackupVault
 * (resourceArn, resourceType, createdAfter/Before, newest first, NextToken), DescribeRecoveryPoint,
 * GetRecoveryPointRestoreMetadata, DescribeBackupVault. Everything is per region: a job or vault of
 * another region is ResourceNotFoundException (400). Missing fields: MissingParameterValueException;
 * bad values (an IamRoleArn that is no role ARN, an unknown destination vault): InvalidParameterValueException (400).
 * - Jobs: backup and copy CREATED → RUNNING → COMPLETED, restore PENDING → RUNNING → COMPLETED; the
 *   first state lasts jobMs/4, the whole job jobMs, derived lazily from the clock. Time while any
 *   region of the job is dark (a copy: source and destination) does not count.
 * - A completed backup adds its recovery point (ARN returned by StartBackupJob already) to the vault:
 *   createdAt = job creation, the vault's key. A completed copy adds a point to the destination
 *   vault with the source's creation date and resource ARN, the destination vault's key and
 *   SourceBackupVaultArn; DestinationRecoveryPointArn appears once COMPLETED. A completed restore
 *   creates the resource (CreatedResourceArn, shown once COMPLETED) named by the metadata
 *   (TargetTableName, DBInstanceIdentifier, DBClusterIdentifier) or `NAME-restored-xxxxxxxx`; if
 *   that resource exists already the restore ends FAILED.
 * - Restore metadata is the source's (its region's AvailabilityZone and KMS key, kept on copies):
 *   StartRestoreJob refuses (InvalidParameterValueException) metadata naming a KMS key or an
 *   AvailabilityZone of another region, so callers must adapt it as on AWS.
 * - IdempotencyToken: the same token for the same region and operation returns the same job for
 *   an hour of emulator time.
 *
 * ROUTE 53 (restXml, namespace https://route53.amazonaws.com/doc/2013-04-01/; errors:
 * `<ErrorResponse><Error><Type>Sender|Receiver</Type><Code/><Message/></Error><RequestId/>`):
 * ChangeResourceRecordSets (CREATE, DELETE, UPSERT applied in order, all or nothing; DELETE must
 * match TTL and values exactly, CREATE must not find the record: else InvalidChangeBatch 400;
 * answers PENDING, INSYNC after jobMs; records change at once), GetChange, ListResourceRecordSets
 * (name, type, maxitems; Route 53 order), GetHealthCheckStatus (three observations, "Success: HTTP
 * Status Code 200, OK" or "Failure: Connection timed out…"). NoSuchHostedZone, NoSuchChange,
 * NoSuchHealthCheck: 404. Throttling: code `Throttling`.
 *
 * DYNAMODB (awsJson1_0): DescribeTable, DeleteTable. RDS (awsQuery): DescribeDBInstances,
 * DeleteDBInstance (needs SkipFinalSnapshot=true or FinalDBSnapshotIdentifier). A deleted table or
 * instance is DELETING / `deleting` for jobMs (a second delete: ResourceInUseException /
 * InvalidDBInstanceState), then gone: ResourceNotFoundException / DBInstanceNotFoundFault (404).
 *
 * FAULTS. A dark region answers every call scoped to it with 503 (ServiceUnavailableException,
 * ServiceUnavailable) or, with outage "hang", never answers (the client times out); its jobs stop;
 * its health checks fail. throttleRate: ThrottlingException / Throttling (400); errorRate: 503 (Backup,
 * Route 53), 500 (DynamoDB InternalServerError, RDS InternalFailure); latencyMs before every answer.
 *
 * CONTROL API (JSON; bad bodies: 400 `{"error","message"}`; unknown endpoints 404):
 * - GET  /_sandbox/state → { now, clockOffsetMs, jobMs,
 *     regions: { [region]: { up, outage } },
 *     vaults: [{ region, name, arn, encryptionKeyArn }],
 *     recoveryPoints: [{ recoveryPointArn, region, vaultName, vaultArn, resourceArn, resourceType,
 *       createdAt, completedAt, status, encryptionKeyArn, sourceBackupVaultArn? }],
 *     backupJobs: [{ jobId, region, state, createdAt, completedAt?, statusMessage?, idempotencyToken?,
 *       resourceArn, vaultName, recoveryPointArn }],
 *     copyJobs: [{ …same common fields, resourceArn, sourceRecoveryPointArn, destinationRegion,
 *       destinationVaultArn, destinationRecoveryPointArn? }],
 *     restoreJobs: [{ …same common fields, resourceArn (the source), recoveryPointArn, resourceType,
 *       createdResourceArn? }],
 *     resources: [{ arn, region, resourceType, name, origin: seed|restore, status: available|deleting|deleted, createdAt }],
 *     hostedZones: { [id]: { id, records: [{ name, type, ttl, values }] } },
 *     changes: [{ id, status: PENDING|INSYNC, submittedAt, comment? }],
 *     healthChecks: { [id]: { id, region, healthy, override: bool|null } },
 *     faults: (as GET /_sandbox/faults) }
 * - POST /_sandbox/regions/REGION { "up": false|true, "outage"?: "unavailable"|"hang" }
 *     → { region, up, outage }. An unknown region is created.
 * - POST /_sandbox/faults { "throttleRate"?: 0..1, "errorRate"?: 0..1, "latencyMs"?: n,
 *     "failJobs"?: { "backup"?: 0..1, "copy"?: 0..1, "restore"?: 0..1 },
 *     "failNext"?: [{ "kind": "backup"|"copy"|"restore", "resourceArn"?, "region"?,
 *                     "state"?: "FAILED"|"ABORTED"|"PARTIAL"|"EXPIRED", "message"?, "stuck"?: true }],
 *     "route53Up"?: bool, "denyOperations"?: ["StartRestoreJob" | "backup:StartRestoreJob", …] }
 *     → the faults. Given keys change, others stay; failNext replaces the list ([] clears). Each
 *     failNext rule applies once, to the next job that matches (kind, resource, region); `stuck`
 *     keeps that job in CREATED/PENDING for ever (a copy AWS keeps retrying). failJobs rolls per job.
 *     denyOperations: IAM refuses those operations (AccessDeniedException 403 for Backup, AccessDenied
 *     for Route 53 and RDS, naming the IAM action `service:Operation` in the message).
 *   GET  /_sandbox/faults → { throttleRate, errorRate, latencyMs, failJobs, failNext, route53Up, denyOperations }
 * - POST /_sandbox/health-checks/ID { "healthy": false|true|null } → { id, region, override }
 *     (null: follow the region again; unknown id: 404).
 * - POST /_sandbox/clock { "offsetMs"?: n, "advanceMs"?: n } → { now, offsetMs }; GET the same.
 *     The offset is added to the clock: jobs complete, points age, tokens expire.
 * - POST /_sandbox/recovery-points { "region", "vault" (or "vaultName"), "resourceArn",
 *     "createdAt"?: ISO | "ageMs"?: n, "encryptionKeyArn"?, "sourceBackupVaultArn"?, "status"? }
 *     → { recoveryPointArn, region, vaultName, resourceArn, resourceType, createdAt,
 *     encryptionKeyArn (default the vault's), status }: a completed point, e.g. an old one.
 * - GET  /_sandbox/calls[?service=&operation=&region=&since=ISO] → { calls: [{ at, service,
 *     operation, region, status, errorCode?, resourceArn? }] }, oldest first, every AWS call
 *     including refused ones (status 0 with errorCode Timeout: a hung call). DELETE clears it.
 * - POST /_sandbox/reset → { reset: true }: the seeded world, no faults, clock offset 0, empty log.
 */
export { createAwsEmulator } from './create-aws-emulator';
export type { AwsEmulator, AwsEmulatorOptions, RunningAwsEmulator } from './create-aws-emulator';
export type {
  EmulatorControl,
  FaultPatch,
  SeedRecoveryPointInput,
  CallFilter,
} from './emulator-control';
export type { EmulatorState } from './emulator-state';
