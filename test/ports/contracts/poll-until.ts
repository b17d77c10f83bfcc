import { eventually } from '../../support/eventually';

/** Calls `read` until `done` holds, every `intervalMs`, failing after `timeoutMs`. */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { intervalMs, timeoutMs, what }: { intervalMs: number; timeoutMs: number; what: string },
): Promise<T> {
  let last: T | undefined;
  return eventually(
    async () => {
      last = await read();
      return done(last) ? last : undefined;
    },
    { timeoutMs, everyMs: intervalMs, what, seen: () => `last seen ${JSON.stringify(last)}` },
  );
}
