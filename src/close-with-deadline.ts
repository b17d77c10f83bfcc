/**
 * Closes gracefully, within a deadline: `close` stops taking work and waits for the work in hand;
 * past `deadlineMs`, `force` cuts it short (for workers: drop their Redis connections, so an
 * interrupted job stalls and another worker resumes it). Resolves true when closed in time.
 */
export async function closeWithDeadline(
  close: () => Promise<unknown>,
  deadlineMs: number,
  force: () => void,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const graceful = close().then(
    () => true,
    () => true,
  );
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), deadlineMs);
  });
  const closedInTime = await Promise.race([graceful, late]);
  if (timer) clearTimeout(timer);
  if (!closedInTime) force();
  return closedInTime;
}
