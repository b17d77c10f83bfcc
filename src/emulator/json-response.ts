import type { EmulatorResponse } from './emulator-request';

/** Epoch seconds with milliseconds: how restJson1 and awsJson1_0 carry timestamps. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}

export function jsonResponse(
  body: unknown,
  contentType = 'application/json',
  status = 200,
): EmulatorResponse {
  return { status, headers: { 'content-type': contentType }, body: JSON.stringify(body) };
}

/** Parses a JSON body as an object; an empty body is an empty object. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  if (!text.trim()) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function stringField(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
