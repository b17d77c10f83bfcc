import type { RequestListener } from 'node:http';
import {
  defaultBodyLimit,
  HTTPModuleFunctions,
  isValidSlackRequest,
  type BufferedIncomingMessage,
} from '@slack/bolt';

/**
 * Bolt parses a request's JSON and then reads its fields without looking. A signed
 * `payload=null` makes it throw outside every handler: an unhandled rejection (which ends the
 * process) and a request never answered. A signed click whose user or channel is null, or whose
 * actions are empty, throws inside it: a 500. Slack sends none of these, but whoever holds the
 * signing secret could. Such a request is answered here, 400 when its signature holds and 401
 * when not (as Bolt would), and Bolt never sees it; every other request goes on as it came.
 */
export function refuseMalformedRequests(
  listener: RequestListener,
  options: { signingSecret: string; path?: string },
): RequestListener {
  const path = options.path ?? '/slack/events';
  return (req, res) => {
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://x').pathname !== path) {
      listener(req, res);
      return;
    }
    HTTPModuleFunctions.bufferIncomingMessage(req, defaultBodyLimit).then(
      (buffered) => {
        // Bolt reads the body it finds buffered on the request instead of the spent stream.
        if (!malformed(buffered)) {
          listener(buffered, res);
          return;
        }
        res.writeHead(signed(buffered, options.signingSecret) ? 400 : 401);
        res.end();
      },
      (error: unknown) => {
        res.writeHead(HTTPModuleFunctions.isRawBodyError(error) ? 413 : 400);
        res.end();
      },
    );
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * A body Bolt would choke on, or could only leave unanswered: JSON that is no object, an event
 * that is no object, or an interaction whose user, channel, team, view or actions are not what
 * Bolt reads from them (`user.id`, `channel.id`, `actions[0].action_id`, …) before any listener.
 */
function malformed(req: BufferedIncomingMessage): boolean {
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(req);
  } catch {
    return false; // Not JSON: Bolt answers 400 itself.
  }
  if (!isObject(body)) return true;
  if (body.command !== undefined || body.ssl_check !== undefined) return false;
  if (body.type === 'url_verification') return false;
  if (body.event !== undefined) return !isObject(body.event);
  const { user, channel, team, enterprise, view, actions } = body;
  const objectOrAbsent = (value: unknown) => value === undefined || isObject(value);
  const objectOrNone = (value: unknown) => value === undefined || value === null || isObject(value);
  const viewType = body.type === 'view_submission' || body.type === 'view_closed';
  return !(
    isObject(user) &&
    typeof user.id === 'string' &&
    objectOrAbsent(channel) &&
    objectOrNone(team) &&
    objectOrNone(enterprise) &&
    (viewType ? isObject(view) : objectOrAbsent(view)) &&
    (actions === undefined ||
      (Array.isArray(actions) &&
        actions.length > 0 &&
        actions.every((a) => isObject(a) && typeof a.action_id === 'string')))
  );
}

function signed(req: BufferedIncomingMessage, signingSecret: string): boolean {
  const header = (name: string) => {
    const value = req.headers[name];
    return typeof value === 'string' ? value : '';
  };
  return isValidSlackRequest({
    signingSecret,
    body: req.rawBody.toString(),
    headers: {
      'x-slack-signature': header('x-slack-signature'),
      'x-slack-request-timestamp': Number(header('x-slack-request-timestamp')),
    },
  });
}
