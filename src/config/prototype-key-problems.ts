/**
 * `__proto__` is a key YAML may hold but a JavaScript object cannot be given: the schema's maps
 * skip it without a word, so an environment (or a vault, a health check) of that name would just
 * be missing. Each one in the file is a problem at its path instead.
 */
export function prototypeKeyProblems(value: unknown, path: (string | number)[] = []): string[] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((child, i) => [i, child])
    : Object.entries(value);
  return entries.flatMap(([key, child]) => {
    const here = [...path, key];
    const problem =
      key === '__proto__'
        ? [`${here.join('.')}: "__proto__" is not a name Lifeboat takes; rename it`]
        : [];
    return [...problem, ...prototypeKeyProblems(child, here)];
  });
}
