import { ownValue } from './own-value';
import type { Principal } from './types';

/**
 * Whether a Slack user is among `principals`: listed by id (`U0BOB`), or a member of a listed
 * user group (`@oncall`). `groupMembers` maps a handle to its members' ids; the handle may be
 * given with or without its `@`. A group with no known members authorizes nobody.
 */
export function isAuthorized(
  userId: string,
  principals: readonly string[],
  groupMembers: Readonly<Record<string, readonly string[]>>,
): boolean {
  return authorizingPrincipal(userId, principals, groupMembers) !== undefined;
}

/**
 * The entry of `principals` that lets `userId` in: the user's own id when it is listed (the
 * configuration alone says so, whatever groups they are in), else the first listed group they
 * are a member of, with its members as `groupMembers` gives them. Undefined when none does.
 */
export function authorizingPrincipal(
  userId: string,
  principals: readonly string[],
  groupMembers: Readonly<Record<string, readonly string[]>>,
): Principal | undefined {
  if (principals.some((principal) => !principal.startsWith('@') && principal === userId)) {
    return { type: 'user', id: userId };
  }
  for (const handle of groupHandles(principals)) {
    const members = membersOf(handle, groupMembers);
    if (members.includes(userId)) return { type: 'group', handle, members: [...members] };
  }
  return undefined;
}

/** The user-group handles among `principals` (`@oncall`), for the caller to resolve. */
export function groupHandles(principals: readonly string[]): string[] {
  return principals.filter((p) => p.startsWith('@'));
}

function membersOf(
  handle: string,
  groupMembers: Readonly<Record<string, readonly string[]>>,
): readonly string[] {
  return ownValue(groupMembers, handle) ?? ownValue(groupMembers, handle.slice(1)) ?? [];
}
