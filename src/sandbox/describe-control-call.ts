import type { TimelineEntry } from './game-day-log';

const percent = (rate: unknown) => `${Math.round(Number(rate) * 100)}%`;

/** One readable line for a game-day change sent to the emulator's control API. */
export function describeControlCall(
  path: string,
  body: string,
): Pick<TimelineEntry, 'text' | 'level'> {
  const input = parseObject(body);
  const [resource, id] = path.split('/');
  if (resource === 'regions' && id) {
    return input.up === false
      ? { text: `took ${id} down (${String(input.outage ?? 'unavailable')})`, level: 'warn' }
      : { text: `brought ${id} back up` };
  }
  if (resource === 'faults') {
    const parts: string[] = [];
    if (input.throttleRate !== undefined) parts.push(`throttling ${percent(input.throttleRate)}`);
    if (input.errorRate !== undefined) parts.push(`5xx errors ${percent(input.errorRate)}`);
    if (input.latencyMs !== undefined) parts.push(`latency +${Number(input.latencyMs)} ms`);
    const failJobs = input.failJobs as Record<string, unknown> | undefined;
    for (const [kind, rate] of Object.entries(failJobs ?? {}))
      parts.push(`${kind} jobs failing ${percent(rate)}`);
    const failNext = input.failNext as { kind?: string }[] | undefined;
    if (failNext?.length) parts.push(`next ${failNext.map((r) => r.kind).join(', ')} job fails`);
    if (input.route53Up !== undefined)
      parts.push(input.route53Up ? 'Route 53 back' : 'Route 53 control plane down');
    const calm = parts.every((p) => / 0%$| \+0 ms$|Route 53 back/.test(p));
    return {
      text: `set AWS faults: ${parts.join(', ') || 'none'}`,
      ...(calm ? {} : { level: 'warn' as const }),
    };
  }
  if (resource === 'reset') return { text: 'reset AWS to its seeded state' };
  if (resource === 'health-checks' && id) {
    return {
      text: `forced health check ${id} ${input.healthy === null ? 'back to automatic' : input.healthy ? 'healthy' : 'unhealthy'}`,
    };
  }
  if (resource === 'clock') return { text: `moved the AWS clock (${body})` };
  return { text: `${path} ${body}`.trim() };
}

function parseObject(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body || '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
