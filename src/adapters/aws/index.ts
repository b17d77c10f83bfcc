export type { AwsClientOptions } from './aws-client-options';
export { type AwsCallContext, toLifeboatError } from './aws-error';
export { type BackupAdapterOptions, createBackupAdapter } from './backup-adapter';
export {
  createResourceDeleterAdapter,
  type ResourceDeleterAdapterOptions,
} from './resource-deleter-adapter';
export { createRoute53Adapter, type Route53AdapterOptions } from './route53-adapter';
