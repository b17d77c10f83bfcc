import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { systemClock, type Clock } from '../clock';
import { readBody } from '../http/read-body';
import type { Config } from '../config/config';
import { AwsError } from './aws-error';
import { awsIds } from './aws-ids';
import type { AwsService } from './aws-service';
import { backupService } from './backup-service';
import { handleControl } from './control-api';
import { credentialScope } from './credential-scope';
import { dynamodbService } from './dynamodb-service';
import { createEmulatorControl, type EmulatorControl, type EmulatorCore } from './emulator-control';
import type { EmulatorRequest, EmulatorResponse, OperationContext } from './emulator-request';
import { header } from './emulator-request';
import type { CallRecord, EmulatorState } from './emulator-state';
import { jsonResponse } from './json-response';
import { rdsService } from './rds-service';
import { route53Service } from './route53-service';
import { sandboxState } from './sandbox-state';
import { seedEmulatorState } from './seed-emulator-state';
import { settleJobs } from './settle-jobs';

export interface AwsEmulatorOptions {
  config: Config;
  /** How long each backup, copy and restore job, each Route 53 change and each delete takes. */
  jobMs: number;
  /** The time source; the control API's clock offset is added to it. Default: the system clock. */
  clock?: Clock;
  /** Default page size of the Backup list operations (small, so callers must page). Default 3. */
  pageSize?: number;
  /** Random source of fault rates. Default Math.random. */
  random?: () => number;
  /** How many calls the call log keeps (the oldest go first). Default 10,000. */
  callLogLimit?: number;
}

export interface RunningAwsEmulator {
  /** http://127.0.0.1:PORT: give it to the SDK clients as `endpoint` or AWS_ENDPOINT_URL. */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export interface AwsEmulator {
  /** The live state (replaced by reset). */
  readonly state: EmulatorState;
  readonly jobMs: number;
  /** The emulator's now, in epoch ms: the clock plus the control API's offset. */
  nowMs(): number;
  /** What GET /_sandbox/state answers. */
  snapshot(): ReturnType<typeof sandboxState>;
  /** The control API, in-process. */
  readonly control: EmulatorControl;
  /** The Node request listener, to mount the emulator in a server of your own. */
  handler(request: IncomingMessage, response: ServerResponse): void;
  /** Listens on the port (0: any free port) of 127.0.0.1 (or host). */
  listen(port?: number, host?: string): Promise<RunningAwsEmulator>;
}

const SERVICES: Record<string, AwsService> = {
  backup: backupService,
  route53: route53Service,
  dynamodb: dynamodbService,
  rds: rdsService,
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The service a request is for: its credential scope, else what its shape says. */
function serviceOf(
  request: EmulatorRequest,
  scopeService: string | undefined,
): AwsService | undefined {
  if (scopeService && Object.hasOwn(SERVICES, scopeService)) return SERVICES[scopeService];
  const target = header(request, 'x-amz-target') ?? '';
  if (target.startsWith('DynamoDB_')) return dynamodbService;
  if (request.segments[0] === '2013-04-01') return route53Service;
  if (new URLSearchParams(request.body).get('Action')) return rdsService;
  return backupService;
}

function toRequest(message: IncomingMessage, body: string): EmulatorRequest {
  const url = new URL(message.url ?? '/', 'http://emulator');
  const segments = url.pathname
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  return {
    method: message.method ?? 'GET',
    path: url.pathname,
    segments,
    query: url.searchParams,
    headers: message.headers,
    body,
  };
}

export function createAwsEmulator(options: AwsEmulatorOptions): AwsEmulator {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const pageSize = options.pageSize ?? 3;
  const callLogLimit = options.callLogLimit ?? 10_000;
  const { jobMs, config } = options;
  const core: EmulatorCore = {
    state: seedEmulatorState(config, clock.now().toMillis()),
    config,
    jobMs,
    nowMs: () => clock.now().toMillis() + core.state.clockOffsetMs,
  };
  const control = createEmulatorControl(core);
  const hanging = new Set<ServerResponse>();

  const snapshot = () => {
    settleJobs(core.state, core.nowMs(), jobMs);
    return sandboxState(core.state, core.nowMs(), jobMs);
  };

  function logCall(call: CallRecord): void {
    const calls = core.state.calls;
    calls.push(call);
    if (calls.length > callLogLimit) calls.splice(0, calls.length - callLogLimit);
  }

  /** Answers an AWS call; undefined means: do not answer (a region that hangs in its outage). */
  async function answerAws(request: EmulatorRequest): Promise<EmulatorResponse | undefined> {
    const scope = credentialScope(header(request, 'authorization'));
    const service = serviceOf(request, scope?.service);
    if (!service) return undefined;
    const requestId = awsIds.requestId();
    const operation = service.operation(request);
    const region = service.effectiveRegion(scope?.region ?? 'us-east-1');
    const call: CallRecord = {
      atMs: core.nowMs(),
      service: service.name,
      operation: operation ?? 'Unknown',
      region,
      status: 0,
    };
    logCall(call);
    const fail = (error: AwsError): EmulatorResponse => {
      call.status = error.status;
      call.errorCode = error.code;
      return service.errorResponse(error, requestId);
    };
    if (!scope) {
      return fail(
        new AwsError(
          'MissingAuthenticationTokenException',
          403,
          'Missing Authentication Token: sign the request with SigV4',
        ),
      );
    }
    const faults = core.state.faults;
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    const regionState = core.state.regions[region];
    const dark = regionState?.up === false || (service === route53Service && !faults.route53Up);
    if (dark) {
      if (regionState?.up === false && regionState.outage === 'hang') {
        call.errorCode = 'Timeout';
        return undefined;
      }
      return fail(service.faults.unavailable());
    }
    if (
      operation &&
      faults.denyOperations.some((d) => d === operation || d === `${service.name}:${operation}`)
    ) {
      return fail(service.faults.accessDenied(operation));
    }
    if (faults.throttleRate > 0 && random() < faults.throttleRate)
      return fail(service.faults.throttle());
    if (faults.errorRate > 0 && random() < faults.errorRate) return fail(service.faults.internal());
    if (!operation) {
      return fail(
        new AwsError(
          'UnknownOperationException',
          404,
          `The emulator does not know ${request.method} ${request.path}`,
        ),
      );
    }
    const nowMs = core.nowMs();
    settleJobs(core.state, nowMs, jobMs);
    const context: OperationContext = {
      state: core.state,
      request,
      region,
      nowMs,
      jobMs,
      pageSize,
      random,
      noteResource: (arn) => {
        call.resourceArn ??= arn;
      },
    };
    try {
      const response = service.handle(operation, context);
      call.status = response.status;
      response.headers['x-amzn-requestid'] ??= requestId;
      return response;
    } catch (error) {
      if (error instanceof AwsError) return fail(error);
      return fail(
        new AwsError('InternalFailure', 500, `The emulator failed: ${(error as Error).message}`),
      );
    }
  }

  async function answer(message: IncomingMessage, response: ServerResponse): Promise<void> {
    const request = toRequest(message, await readBody(message));
    let result: EmulatorResponse | undefined;
    if (request.segments[0] === '_sandbox') {
      result = handleControl(control, request, snapshot);
    } else {
      result = await answerAws(request);
    }
    if (!result) {
      hanging.add(response);
      response.on('close', () => hanging.delete(response));
      return;
    }
    response.writeHead(result.status, {
      ...result.headers,
      'content-length': Buffer.byteLength(result.body),
    });
    response.end(result.body);
  }

  function handler(message: IncomingMessage, response: ServerResponse): void {
    answer(message, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      const body = jsonResponse(
        { error: 'InternalError', message: (error as Error).message },
        'application/json',
        500,
      );
      response.writeHead(body.status, body.headers);
      response.end(body.body);
    });
  }

  return {
    get state() {
      return core.state;
    },
    jobMs,
    nowMs: () => core.nowMs(),
    snapshot,
    control,
    handler,
    listen(port = 0, host = '127.0.0.1') {
      const server = createServer(handler);
      const sockets = new Set<Socket>();
      server.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
          resolve({
            url,
            port: address.port,
            server,
            close: () =>
              new Promise<void>((done) => {
                for (const response of hanging) response.destroy();
                hanging.clear();
                server.close(() => done());
                for (const socket of sockets) socket.destroy();
              }),
          });
        });
      });
    },
  };
}
