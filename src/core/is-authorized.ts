import { ownValue } from './own-value';

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
  return principals.some((principal) => {
    if (!principal.startsWith('@')) return principal === userId;
    const members =
      ownValue(groupMembers, principal) ?? ownValue(groupMembers, principal.slice(1)) ?? [];
    return members.includes(userId);
  });
}

/** The user-group handles among `principals` (`@oncall`), for the caller to resolve. */
export function groupHandles(principals: readonly string[]): string[] {
  return principals.filter((p) => p.startsWith('@'));
}
