/**
 * The AWS emulator (placeholder doc, completed below).
 */
export { createAwsEmulator } from './create-aws-emulator';
export type { AwsEmulator, AwsEmulatorOptions, RunningAwsEmulator } from './create-aws-emulator';
