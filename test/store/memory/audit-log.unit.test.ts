import { createMemoryAuditLog, type MemoryAuditLog } from '../../../src/store/memory/audit-log';
import { describeAuditLogContract } from '../../ports/contracts/audit-log-contract';

describeAuditLogContract('in memory', async () => {
  let store = createMemoryAuditLog();
  return {
    logs: (count, options) => {
      // Options are the store's own: a new store, holding what the previous one held.
      const previous = store;
      store = createMemoryAuditLog(options);
      store.records.push(...previous.records);
      // One process: a second "connection" is the same log.
      return Array.from({ length: count }, () => store as MemoryAuditLog);
    },
    tamper: {
      records: async () => store.records.map((r) => ({ id: r.id, fields: { ...r.fields } })),
      rewrite: async (records) => {
        store.records.splice(0, store.records.length, ...records.map((r) => ({ ...r })));
      },
      remove: async (id) => {
        const index = store.records.findIndex((r) => r.id === id);
        if (index >= 0) store.records.splice(index, 1);
      },
    },
    close: async () => undefined,
  };
});
