/** Every Redis key Lifeboat writes, under one prefix (DR_PREFIX) so deployments and tests share a server. */
export function redisKeys(prefix: string) {
  return {
    prefix,
    operation: (id: string) => `${prefix}:op:${id}`,
    /** Sorted set of operation ids by request time. */
    operations: `${prefix}:ops`,
    environmentOperations: (env: string) => `${prefix}:env:${env}:ops`,
    environmentState: (env: string) => `${prefix}:env:${env}:state`,
    /** Held by the one operation that owns the environment, from request to its end. */
    environmentLock: (env: string) => `${prefix}:env:${env}:lock`,
    exposure: (env: string) => `${prefix}:env:${env}:exposure`,
    audit: `${prefix}:audit`,
    events: `${prefix}:events`,
    /** Free-form per-feature keys: `${prefix}:${name}`. */
    custom: (name: string) => `${prefix}:${name}`,
  } as const;
}
export type RedisKeys = ReturnType<typeof redisKeys>;
