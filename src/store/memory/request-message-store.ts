import { systemClock, type Clock } from '../../clock';
import { UNPOSTED_NOTICE_TTL_S, type RequestMessageStore } from '../request-message-store';

/** The RequestMessageStore in one process's memory; leases and the notice's day run on `clock`. */
export function createMemoryRequestMessageStore(clock: Clock = systemClock): RequestMessageStore {
  /** Operation id → until when (epoch ms) its claim stands. */
  const posting = new Map<string, number>();
  const noticed = new Map<string, number>();
  const nowMs = () => clock.now().toMillis();
  const claim = (claims: Map<string, number>, id: string, forMs: number): boolean => {
    const until = claims.get(id);
    if (until !== undefined && nowMs() < until) return false;
    claims.set(id, nowMs() + forMs);
    return true;
  };
  return {
    claimPosting: (operationId, _holder, leaseMs) =>
      Promise.resolve(claim(posting, operationId, leaseMs)),
    releasePosting: (operationId) => {
      posting.delete(operationId);
      return Promise.resolve();
    },
    claimUnpostedNotice: (operationId) =>
      Promise.resolve(claim(noticed, operationId, UNPOSTED_NOTICE_TTL_S * 1000)),
  };
}
