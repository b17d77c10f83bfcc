import { Readable } from 'node:stream';

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface FakeRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * An HTTP handler for a real SDK client: answers each request with the next scripted response,
 * so serialization, error parsing and the SDK's own retries all run, without a network.
 */
export function fakeHttpHandler(script: (FakeResponse | Error)[]) {
  const requests: FakeRequest[] = [];
  const handler = {
    metadata: { handlerProtocol: 'http/1.1' },
    handle: async (request: {
      method: string;
      path: string;
      headers: Record<string, string>;
      body?: unknown;
    }): Promise<{ response: unknown }> => {
      requests.push({
        method: request.method,
        path: request.path,
        headers: request.headers,
        body: bodyText(request.body),
      });
      const next = script[Math.min(requests.length - 1, script.length - 1)];
      if (next === undefined) throw new Error('fake handler has no script');
      if (next instanceof Error) throw next;
      const text =
        next.body === undefined
          ? ''
          : typeof next.body === 'string'
            ? next.body
            : JSON.stringify(next.body);
      return {
        response: {
          statusCode: next.status,
          reason: undefined,
          headers: { 'content-type': 'application/json', ...(next.headers ?? {}) },
          body: Readable.from([Buffer.from(text)]),
        },
      };
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
  };
  return { handler, requests };
}

/** An AWS JSON error response as restJson1 services send it. */
export function awsError(status: number, type: string, message: string): FakeResponse {
  return { status, headers: { 'x-amzn-errortype': type }, body: { message } };
}

export const TEST_CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } as const;

function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  return '';
}
