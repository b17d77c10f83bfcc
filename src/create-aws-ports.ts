import {
  createBackupAdapter,
  createResourceDeleterAdapter,
  createRoute53Adapter,
  type AwsClientOptions,
} from './adapters/aws';
import type { AwsPorts } from './lifeboat-deps';

/** The real AWS adapters behind every port, sharing one client configuration. */
export function createAwsPorts(options: AwsClientOptions = {}): AwsPorts {
  const route53 = createRoute53Adapter(options);
  return {
    backup: createBackupAdapter(options),
    dns: route53,
    health: route53,
    deleter: createResourceDeleterAdapter(options),
  };
}
