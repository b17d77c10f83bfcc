/** An error the emulator answers the way AWS does; each service formats it in its own protocol. */
export class AwsError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, status: number, message: string) {
    super(message);
    this.name = 'AwsError';
    this.code = code;
    this.status = status;
  }

  /** Sender (4xx) or Receiver (5xx), as the XML protocols spell the fault. */
  get fault(): 'Sender' | 'Receiver' {
    return this.status >= 500 ? 'Receiver' : 'Sender';
  }
}
