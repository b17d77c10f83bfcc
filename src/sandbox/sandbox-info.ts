import type { Config } from '../config/config';

/** What the channel page needs to know of the configuration: the channel, who may do what, the environments. */
export function sandboxInfo(config: Config) {
  const environments = Object.values(config.environments).map((env) => ({
    name: env.name,
    primaryRegion: env.primaryRegion,
    recoveryRegion: env.recoveryRegion,
    allowedRegions: env.allowedRegions,
    rpoMs: env.rpoMs,
    rtoMs: env.rtoMs,
    hostedZoneId: env.dns.hostedZoneId,
    records: env.dns.records.map((r) => ({ name: r.name, values: r.values })),
  }));
  const first = environments[0]?.name ?? 'shop-prod';
  return {
    channel: config.slack.channel,
    approval: {
      requesters: config.approval.requesters,
      approvers: config.approval.approvers,
      minApprovers: config.approval.minApprovers,
    },
    environments,
    examples: [
      '/dr help',
      '/dr status',
      `/dr backup ${first}`,
      `/dr failover ${first} --reason "region down"`,
      `/dr drill ${environments[environments.length - 1]?.name ?? first}`,
      '/dr history',
    ],
  };
}
