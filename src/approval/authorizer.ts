import type { Config } from '../config/config';
import { authorizingPrincipal, groupHandles } from '../core/is-authorized';
import type { Principal } from '../core/types';

/** The actor of what Lifeboat does on its own (scheduled drills, expiry). */
export const SYSTEM_ACTOR = 'lifeboat';

/** `either`: requesters and approvers alike (backup, cancel). */
export type Role = 'requester' | 'approver' | 'either';

/**
 * `principal`: what lets the user act (their id as listed, or the group and its members at that
 * moment); absent only for Lifeboat's own acts. `configVersion`: the configuration the decision
 * was taken under. A refusal with `lookupFailed` is not a no: a user group could not be read.
 */
export type AuthorizeResult =
  | { allowed: true; principal?: Principal; configVersion: string }
  | { allowed: false; message: string; lookupFailed?: true };

/**
 * Members of user groups (`@oncall`). Promises: `fresh: false` may answer from a short cache;
 * `fresh: true` asks the source again (the directory may still answer from a cache a few seconds
 * old, to bound the calls an outsider can cause); a failure throws with a message for people.
 */
export interface GroupDirectory {
  members(handle: string, options: { fresh: boolean }): Promise<readonly string[]>;
}

/** Who may request and who may approve, as the configuration says, and why. */
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
      const config = getConfig();
      const { approval, version: configVersion } = config;
      if (role !== 'approver' && userId === SYSTEM_ACTOR) return { allowed: true, configVersion };
      const roles = role === 'either' ? (['requester', 'approver'] as const) : [role];
      const lists = roles.map((r) => ({
        name: `approval.${r}s`,
        principals: r === 'requester' ? approval.requesters : approval.approvers,
      }));
      const principals = lists.flatMap((l) => l.principals);
      const listed = authorizingPrincipal(userId, principals, {});
      if (listed) return { allowed: true, principal: listed, configVersion };
      const handles = [...new Set(groupHandles(principals))];
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
              lookupFailed: true,
            };
          }
          const member = authorizingPrincipal(userId, principals, groups);
          if (member) return { allowed: true, principal: member, configVersion };
        }
      }
      const label = (p: string) => (p.startsWith('@') ? p : `<@${p}>`);
      const who = lists.map((l) => `${l.name}: ${l.principals.map(label).join(', ')}`).join('; ');
      const whom = role === 'either' ? 'a requester or an approver' : `one of the ${role}s`;
      return {
        allowed: false,
        message: `you are not ${whom} (${who}); ask one of them, or ask an admin to add you to ${lists.map((l) => l.name).join(' or ')}`,
      };
    },
  };
}
