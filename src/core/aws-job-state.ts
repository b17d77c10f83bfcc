/** AWS Backup's job states, all kinds together. */
export type AwsJobState =
  | 'CREATED'
  | 'PENDING'
  | 'RUNNING'
  | 'COMPLETED'
  | 'ABORTING'
  | 'ABORTED'
  | 'FAILED'
  | 'EXPIRED'
  | 'PARTIAL';

export const TERMINAL_JOB_STATES: readonly AwsJobState[] = [
  'COMPLETED',
  'ABORTED',
  'FAILED',
  'EXPIRED',
  'PARTIAL',
];
