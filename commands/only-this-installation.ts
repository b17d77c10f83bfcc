import type { AnyMiddlewareArgs, Context, Middleware } from '@slack/bolt';
import { toIso } from '../src/core/to-iso';
import type { LifeboatDeps } from '../src/lifeboat-deps';
import type { SlackInstallation } from '../src/slack/read-installation';

export const OTHER_WORKSPACE_TEXT =
  ':no_entry: This Lifeboat is installed in another workspace and takes requests only from there; nothing was done.';
export const OTHER_APP_TEXT =
  ':no_entry: This request was meant for another Slack app; nothing was done.';

/** Where a request says it comes from. */
interface Origin {
  teamId?: string;
  enterpriseId?: string;
  apiAppId?: string;
}

/** Why a request is not for this installation, or undefined when it is. */
function mismatch(
  installation: SlackInstallation,
  origin: Origin,
): 'workspace' | 'app' | undefined {
  const sameWorkspace = installation.orgWide
    ? origin.enterpriseId !== undefined && origin.enterpriseId === installation.enterpriseId
    : origin.teamId !== undefined && origin.teamId === installation.teamId;
  if (!sameWorkspace) return 'workspace';
  if (installation.appId && origin.apiAppId && origin.apiAppId !== installation.appId) return 'app';
  return undefined;
}

/**
 * Every command, click and event is taken only from the workspace the bot is installed in (or,
 * installed org-wide, from a workspace of its organization) and for this app. Anything else is
 * acknowledged, answered with why (commands and clicks), audited, and goes no further.
 */
export function onlyThisInstallation(
  deps: LifeboatDeps,
  known: Promise<SlackInstallation>,
): Middleware<AnyMiddlewareArgs> {
  // Unknown (Slack did not answer at start-up, which stops the bot): nothing is taken.
  const unknown: SlackInstallation = { orgWide: false };
  const current = known.catch(() => unknown);
  return async (args) => {
    const { context, body, next } = args;
    const installation = await current;
    const origin = originOf(context, body);
    const why = mismatch(installation, origin);
    if (!why) return next();

    const text = why === 'workspace' ? OTHER_WORKSPACE_TEXT : OTHER_APP_TEXT;
    if ('command' in args && args.command) {
      await args.ack({ response_type: 'ephemeral', text });
    } else if ('ack' in args && args.ack) {
      await (args.ack as () => Promise<void>)();
      if ('respond' in args && args.respond) {
        await args
          .respond({ response_type: 'ephemeral', replace_original: false, text })
          .catch(() => undefined);
      }
    }
    const installed = installation.orgWide
      ? `organization ${installation.enterpriseId ?? '?'}`
      : `workspace ${installation.teamId ?? '?'}`;
    const from =
      why === 'workspace'
        ? `from workspace ${origin.teamId ?? '?'}${origin.enterpriseId ? ` (organization ${origin.enterpriseId})` : ''}; Lifeboat is installed in ${installed}`
        : `for app ${origin.apiAppId ?? '?'}; Lifeboat is app ${installation.appId ?? '?'}`;
    deps.logger.warn({ ...origin, why }, 'a Slack request for another installation was refused');
    await deps.audit.append({
      type: 'refusal',
      actor: context.userId ?? 'unknown',
      at: toIso(deps.clock.now()),
      summary: `a Slack request ${from} was refused`,
      detail: { reason: `other_${why}`, ...origin, kind: kindOf(args) },
    });
  };
}

/** Bolt reads the team and organization out of every kind of payload into the context. */
function originOf(context: Context, body: unknown): Origin {
  const apiAppId = (body as { api_app_id?: unknown }).api_app_id;
  return {
    ...(context.teamId ? { teamId: context.teamId } : {}),
    ...(context.enterpriseId ? { enterpriseId: context.enterpriseId } : {}),
    ...(typeof apiAppId === 'string' && apiAppId !== '' ? { apiAppId } : {}),
  };
}

function kindOf(args: AnyMiddlewareArgs): string {
  if ('command' in args && args.command) return 'command';
  if ('event' in args && args.event) return `event ${args.event.type}`;
  if ('action' in args && args.action) return 'action';
  return (args.body as { type?: string }).type ?? 'unknown';
}
