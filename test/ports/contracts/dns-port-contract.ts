import type { DnsPort } from '../../../src/ports/dns-port';
import { pollUntil } from './poll-until';

export interface DnsContractWorld {
  port: DnsPort;
  hostedZoneId: string;
  /** A record the zone holds, and a value to switch it to. */
  record: { name: string; type: string; ttl: number };
  newValue: string;
  pollMs: number;
  changeTimeoutMs: number;
}

export function describeDnsPortContract(name: string, world: () => DnsContractWorld): void {
  describe(`DnsPort contract: ${name}`, () => {
    let w: DnsContractWorld;
    beforeAll(() => {
      w = world();
    });

    it('reads a record, upserts it, waits for INSYNC, and reads the new value', async () => {
      const wanted = { name: w.record.name, type: w.record.type };
      const [before] = await w.port.getRecords(w.hostedZoneId, [wanted]);
      expect(before).toMatchObject({ name: w.record.name.replace(/\.$/, ''), type: w.record.type });
      expect(before?.values).not.toContain(w.newValue);

      const { changeId } = await w.port.upsertRecords(
        w.hostedZoneId,
        [{ ...w.record, value: w.newValue }],
        'DnsPort contract',
      );
      expect(changeId).not.toMatch(/^\/?change\//);
      const change = await pollUntil(
        () => w.port.getChange(changeId),
        (c) => c.status === 'INSYNC',
        {
          intervalMs: w.pollMs,
          timeoutMs: w.changeTimeoutMs,
          what: `change ${changeId} to be INSYNC`,
        },
      );
      expect(change).toEqual({ changeId, status: 'INSYNC' });

      const [after] = await w.port.getRecords(w.hostedZoneId, [
        { name: `${w.record.name.replace(/\.$/, '')}.`, type: w.record.type },
      ]);
      expect(after).toEqual({
        name: w.record.name.replace(/\.$/, ''),
        type: w.record.type,
        ttl: w.record.ttl,
        values: [w.newValue],
      });
    });

    it('leaves out records that do not exist', async () => {
      await expect(
        w.port.getRecords(w.hostedZoneId, [
          { name: `absent-${Date.now()}.${w.record.name}`, type: w.record.type },
        ]),
      ).resolves.toEqual([]);
    });

    it('reports an unknown change as aws_not_found', async () => {
      await expect(w.port.getChange('C0000000000000000000')).rejects.toMatchObject({
        code: 'aws_not_found',
      });
    });
  });
}
