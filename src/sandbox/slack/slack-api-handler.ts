import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseParams, stringParam } from '../http/parse-params';
import { readBody } from '../../http/read-body';
import { sendJson } from '../http/send-json';
import { callSlackMethod } from './call-slack-method';
import type { SlackWorkspace } from './slack-workspace';

/**
 * `POST {slackApiUrl}{method}`: the local Web API. It takes form or JSON bodies, the token as
 * `Authorization: Bearer` (or a `token` field), and answers 200 with `{ ok, … }` as Slack does.
 */
export function slackApiHandler(options: { workspace: SlackWorkspace; botToken: string }) {
  return (
    req: IncomingMessage & { params?: Record<string, string | string[]> },
    res: ServerResponse,
  ): void => {
    void (async () => {
      const method = String(req.params?.method ?? '');
      let params: Record<string, unknown>;
      try {
        params = parseParams(req.headers['content-type'], await readBody(req));
      } catch {
        sendJson(res, 200, { ok: false, error: 'invalid_json' });
        return;
      }
      const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const token = bearer ?? stringParam(params.token);
      if (!token) {
        sendJson(res, 200, { ok: false, error: 'not_authed' });
        return;
      }
      if (token !== options.botToken) {
        sendJson(res, 200, { ok: false, error: 'invalid_auth' });
        return;
      }
      sendJson(res, 200, callSlackMethod(options.workspace, method, params));
    })();
  };
}
