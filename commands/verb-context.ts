import type { Authorizer } from '../src/approval/authorizer';
import type { LifeboatDeps } from '../src/lifeboat-deps';

/** What a `/dr` verb's handler gets: the use cases' dependencies and who is asking. */
export interface VerbContext {
  deps: LifeboatDeps;
  authorizer: Authorizer;
  userId: string;
}

export interface CommandPorts {
  authorizer: Authorizer;
}
