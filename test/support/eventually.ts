export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `check` until it returns a value (not undefined), or fails after `timeoutMs`; the error
 * names `what` and, when given, what `seen` says was there instead.
 */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  {
    timeoutMs = 10_000,
    everyMs = 20,
    what = 'condition',
    seen,
  }: { timeoutMs?: number; everyMs?: number; what?: string; seen?: () => string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`${what} not met within ${timeoutMs} ms${seen ? `; ${seen()}` : ''}`);
    }
    await sleep(everyMs);
  }
}
