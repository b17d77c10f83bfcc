import type { Config } from '../config/config';
import { vaultArn } from '../config/resource-arn';

/** How old the sandbox's newest backups are when it starts: inside every RPO, yet visible as data loss. */
export const SEEDED_BACKUP_AGE_MS = 20 * 60_000;

/**
 * Gives the emulated AWS a past: for every resource, a completed backup in its primary region and
 * its copy in the recovery region, both `ageMs` old, as if Lifeboat had been running for a while.
 * Without it a newcomer's first failover would have nothing to restore.
 */
export async function seedSandboxHistory(
  emulatorUrl: string,
  config: Config,
  ageMs = SEEDED_BACKUP_AGE_MS,
): Promise<number> {
  let seeded = 0;
  const seed = async (body: Record<string, unknown>) => {
    const response = await fetch(`${emulatorUrl}/_sandbox/recovery-points`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(
        `seeding a recovery point failed: ${response.status} ${await response.text()}`,
      );
    seeded += 1;
  };
  for (const env of Object.values(config.environments)) {
    const primaryVault = env.backup.vaults[env.primaryRegion];
    const recoveryVault = env.backup.vaults[env.recoveryRegion];
    if (!primaryVault || !recoveryVault) continue;
    for (const resource of env.resources) {
      await seed({
        region: env.primaryRegion,
        vault: primaryVault,
        resourceArn: resource.arn,
        ageMs,
      });
      await seed({
        region: env.recoveryRegion,
        vault: recoveryVault,
        resourceArn: resource.arn,
        ageMs,
        sourceBackupVaultArn: vaultArn(env.primaryRegion, env.accountId, primaryVault),
      });
    }
  }
  return seeded;
}
