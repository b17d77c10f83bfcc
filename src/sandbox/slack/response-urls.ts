import { randomBytes } from 'node:crypto';
import type { SlackWorkspace } from './slack-workspace';

/** Where a response_url answers: the channel, the user who acted, the message acted on. */
export interface ResponseTarget {
  channel: string;
  userId: string;
  /** The message a button was clicked on (interactive payloads only). */
  messageTs?: string;
  createdAtMs: number;
  uses: number;
}

export interface ResponseBody {
  text?: string;
  blocks?: unknown[];
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean | string;
  delete_original?: boolean | string;
  thread_ts?: string;
}

export type ResponseOutcome = { status: number; body: { ok: boolean; error?: string } };

const MAX_USES = 5;
const LIFETIME_MS = 30 * 60_000;
const truthy = (v: unknown) => v === true || v === 'true';

/**
 * Slack's response_url: at most five posts within thirty minutes, ephemeral unless
 * `response_type: in_channel`, `replace_original` / `delete_original` on the clicked message.
 */
export function createResponseUrls(
  workspace: SlackWorkspace,
  baseUrl: string,
  nowMs: () => number = Date.now,
) {
  const targets = new Map<string, ResponseTarget>();

  return {
    create(target: Omit<ResponseTarget, 'createdAtMs' | 'uses'>): string {
      for (const [id, t] of targets) if (nowMs() - t.createdAtMs > LIFETIME_MS) targets.delete(id);
      const id = randomBytes(12).toString('hex');
      targets.set(id, { ...target, createdAtMs: nowMs(), uses: 0 });
      return `${baseUrl}${id}`;
    },

    respond(id: string, body: ResponseBody): ResponseOutcome {
      const target = targets.get(id);
      if (!target || nowMs() - target.createdAtMs > LIFETIME_MS) {
        return { status: 404, body: { ok: false, error: 'expired_url' } };
      }
      if (target.uses >= MAX_USES) return { status: 404, body: { ok: false, error: 'used_url' } };
      target.uses += 1;
      const { channel, userId, messageTs } = target;
      const original = messageTs ? workspace.message(channel, messageTs) : undefined;

      if (truthy(body.delete_original)) {
        if (!original) return { status: 404, body: { ok: false, error: 'message_not_found' } };
        workspace.remove(channel, original.ts);
        return { status: 200, body: { ok: true } };
      }
      const content = { text: body.text ?? '', ...(body.blocks ? { blocks: body.blocks } : {}) };
      if (truthy(body.replace_original)) {
        if (!original) return { status: 404, body: { ok: false, error: 'message_not_found' } };
        workspace.update(channel, original.ts, {
          ...content,
          ...(body.blocks ? {} : { blocks: [] }),
        });
        return { status: 200, body: { ok: true } };
      }
      if (!content.text && !body.blocks)
        return { status: 400, body: { ok: false, error: 'no_text' } };
      workspace.post({
        channel,
        user: workspace.seed.bot.id,
        ...content,
        ...(body.thread_ts ? { threadTs: body.thread_ts } : {}),
        ...(body.response_type === 'in_channel' ? {} : { visibleTo: userId }),
      });
      return { status: 200, body: { ok: true } };
    },
  };
}

export type ResponseUrls = ReturnType<typeof createResponseUrls>;
