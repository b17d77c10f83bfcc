import type { Config } from '../config/config';
import { groupHandles, isAuthorized } from '../core/is-authorized';

/** The actor of what Lifeboat does on its own (scheduled drills, expiry). */
export const SYSTEM_ACTOR = 'lifeboat';

export type Role = 'requester' | 'approver';

export type AuthorizeResult = { allowed: true } | { allowed: false; message: string };

/**
 * Members of user groups (`@oncall`). Promises: `fresh: false` may answer from a short cache;
 * `fresh: true` asks the source again (the directory may still answer from a cache a few seconds
 * old, to bound the calls an outsider can cause); a failure throws with a message for people.
 */
export interface GroupDirectory {
  members(handle: string, options: { fresh: boolean }): Promise<readonly string[]>;
}

/** Who may request and who may approve, as the configuration says. */
export interface Authorizer {
  check(userId: string, role: Role): Promise<AuthorizeResult>;
}

/**
 * Users listed by id are decided at once; user groups are resolved through `directory`, first
 * from its cache and, when that says no, from the source again: a member added a minute ago is
 * not refused. Without a directory, group members are not recognized.
 */
export function createAuthorizer(getConfig: () => Config, directory?: GroupDirectory): Authorizer {
  return {
    async check(userId, role) {
      const principals =
        role === 'requester' ? getConfig().approval.requesters : getConfig().approval.approvers;
      if (role === 'requester' && userId === SYSTEM_ACTOR) return { allowed: true };
      if (isAuthorized(userId, principals, {})) return { allowed: true };
      const handles = groupHandles(principals);
      if (handles.length > 0 && directory) {
        for (const fresh of [false, true]) {
          let groups: Record<string, readonly string[]>;
          try {
            const members = await Promise.all(handles.map((h) => directory.members(h, { fresh })));
            groups = Object.fromEntries(handles.map((h, i) => [h, members[i] ?? []]));
          } catch (error) {
            return {
              allowed: false,
              message: `I could not check whether you are in ${handles.join(', ')}: ${(error as Error).message}. Try again in a minute`,
            };
          }
          if (isAuthorized(userId, principals, groups)) return { allowed: true };
        }
      }
      const list = `approval.${role}s`;
      const who = principals.map((p) => (p.startsWith('@') ? p : `<@${p}>`)).join(', ');
      return {
        allowed: false,
        message: `you are not one of the ${role}s (${list}: ${who}); ask one of them, or ask an admin to add you to ${list}`,
      };
    },
  };
}

/** Requesters and approvers alike (backup, cancel). */
export async function checkEither(
  authorizer: Authorizer,
  userId: string,
): Promise<AuthorizeResult> {
  const asRequester = await authorizer.check(userId, 'requester');
  if (asRequester.allowed) return asRequester;
  const asApprover = await authorizer.check(userId, 'approver');
  if (asApprover.allowed) return asApprover;
  return {
    allowed: false,
    message: asApprover.message.replace('one of the approvers', 'a requester or an approver'),
  };
}
