/** AWS Backup's job states, all kinds together. */
export const AWS_JOB_STATES = [
  'CREATED',
  'PENDING',
  'RUNNING',
  'COMPLETED',
  'ABORTING',
  'ABORTED',
  'FAILED',
  'EXPIRED',
  'PARTIAL',
] as const;
export type AwsJobState = (typeof AWS_JOB_STATES)[number];

export const TERMINAL_JOB_STATES: readonly AwsJobState[] = [
  'COMPLETED',
  'ABORTED',
  'FAILED',
  'EXPIRED',
  'PARTIAL',
];
