/** Formats milliseconds for people: `3h 20m`, `45s`, `2d 4h`. */
export function formatDurationMs(ms: number): string {
  const negative = ms < 0;
  let rest = Math.round(Math.abs(ms) / 1000);
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n}${unit}`);
  }
  const text = parts.slice(0, 2).join(' ') || '0s';
  return negative ? `-${text}` : text;
}
