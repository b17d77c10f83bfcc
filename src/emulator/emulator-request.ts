import type { IncomingHttpHeaders } from 'node:http';
import type { EmulatorState } from './emulator-state';

/** An HTTP request as the emulator's handlers see it. */
export interface EmulatorRequest {
  method: string;
  /** The raw path, without the query string. */
  path: string;
  /** Path segments, each percent-decoded on its own (an ARN label keeps its slashes and colons). */
  segments: string[];
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface EmulatorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What an AWS operation handler works with. */
export interface OperationContext {
  state: EmulatorState;
  request: EmulatorRequest;
  /** The region of the call: its SigV4 credential scope. */
  region: string;
  nowMs: number;
  jobMs: number;
  /** Default page size of list operations. */
  pageSize: number;
  random: () => number;
  /** The resource the call is about, for the call log. */
  noteResource(arn: string): void;
}

export function header(request: EmulatorRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
