/** What the workers tell the Slack side. Consumers re-read the operation from the store by id. */
export type LifeboatEvent =
  /** The operation changed (state, votes, steps, outcome): re-render its request message. */
  | { type: 'operation.updated'; operationId: string }
  /** A step changed state: a line in the request message's thread. */
  | { type: 'operation.step'; operationId: string; step: string; state: string; text: string }
  /** The environment's RPO is breached or will be before the next backup can complete. */
  | {
      type: 'rpo.alert';
      environment: string;
      status: 'at-risk' | 'breached' | 'unprotected';
      exposureMs?: number;
      rpoTargetMs: number;
      resourceArn?: string;
      reason: string;
    }
  /** The environment holds its RPO again. */
  | { type: 'rpo.recovered'; environment: string; exposureMs: number; rpoTargetMs: number }
  /** A backup run ended (or was skipped because another run of the environment was in flight). */
  | {
      type: 'backup.finished';
      environment: string;
      trigger: 'schedule' | 'manual';
      requestedBy?: string;
      outcome: 'succeeded' | 'failed' | 'skipped';
      copied: number;
      failed: number;
      message: string;
    }
  /** DR_CONFIG changed and the new version is in force. */
  | {
      type: 'config.reloaded';
      version: string;
      previousVersion: string;
      environments: string[];
    }
  /** DR_CONFIG changed but is invalid: nothing changed, the last good version is kept. */
  | { type: 'config.rejected'; path: string; problems: string[]; keptVersion: string }
  /** A backup or copy job failed after its retries. */
  | {
      type: 'backup.failed';
      environment: string;
      resourceArn: string;
      kind: 'backup' | 'copy';
      message: string;
    };
