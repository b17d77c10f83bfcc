import type { ResourceDeleterPort } from '../../../src/ports/resource-deleter-port';

export interface ResourceDeleterContractWorld {
  port: ResourceDeleterPort;
  region: string;
  /** Makes a resource of this type that may be deleted (a restore, on the emulator) and returns its ARN. */
  createDisposable(resourceType: 'DynamoDB' | 'RDS'): Promise<string>;
  /** Whether the resource still exists and is not on its way out. */
  exists(resourceArn: string): Promise<boolean>;
}

export function describeResourceDeleterPortContract(
  name: string,
  world: () => ResourceDeleterContractWorld,
): void {
  describe(`ResourceDeleterPort contract: ${name}`, () => {
    let w: ResourceDeleterContractWorld;
    beforeAll(() => {
      w = world();
    });

    it.each(['DynamoDB', 'RDS'] as const)(
      'deletes a restored %s resource, and a second delete is still deleted',
      async (type) => {
        const arn = await w.createDisposable(type);
        expect(await w.exists(arn)).toBe(true);
        await expect(w.port.deleteResource(w.region, arn)).resolves.toBe('deleted');
        expect(await w.exists(arn)).toBe(false);
        await expect(w.port.deleteResource(w.region, arn)).resolves.toBe('deleted');
      },
    );

    it('counts a resource that never existed as deleted', async () => {
      await expect(
        w.port.deleteResource(
          w.region,
          `arn:aws:dynamodb:${w.region}:111122223333:table/never-${Date.now()}`,
        ),
      ).resolves.toBe('deleted');
    });

    it('leaves a type it cannot delete for manual clean-up', async () => {
      await expect(
        w.port.deleteResource(
          w.region,
          `arn:aws:elasticfilesystem:${w.region}:111122223333:file-system/fs-1`,
        ),
      ).resolves.toBe('manual');
    });
  });
}
