/**
 * The parameters of a Web API call, from a form or a JSON body. Form values that hold JSON
 * (`blocks`, `view`) are decoded by the caller with `jsonParam`.
 */
export function parseParams(
  contentType: string | undefined,
  body: string,
): Record<string, unknown> {
  if (!body) return {};
  if (contentType?.includes('application/json')) {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  }
  return Object.fromEntries(new URLSearchParams(body));
}

/** A parameter that is JSON in a form body and a plain value in a JSON body. */
export function jsonParam(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

export function stringParam(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}
