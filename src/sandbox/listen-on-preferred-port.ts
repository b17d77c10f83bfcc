/**
 * Listens on `port`; when that port is taken and was not asked for explicitly, on any free port
 * (after saying so), so a second sandbox on one machine still starts.
 */
export async function listenOnPreferredPort<T>(
  listen: (port: number) => Promise<T>,
  port: number,
  explicit: boolean,
  onFallback: (port: number) => void,
): Promise<T> {
  try {
    return await listen(port);
  } catch (error) {
    if (explicit || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    onFallback(port);
    return listen(0);
  }
}
