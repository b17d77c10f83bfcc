import fc from 'fast-check';
import { idempotencyToken } from '../../src/core/idempotency-token';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('idempotencyToken', () => {
  it('is UUID-shaped', () => {
    expect(
      idempotencyToken('op-1', 'restore', 'arn:aws:rds:eu-west-1:111122223333:db:shop'),
    ).toMatch(UUID);
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (operationId, step, arn) => {
        const token = idempotencyToken(operationId, step, arn);
        expect(token).toMatch(UUID);
        expect(idempotencyToken(operationId, step, arn)).toBe(token);
      }),
    );
  });

  it('gives distinct inputs distinct tokens, however the parts are split', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.string(), fc.string(), fc.string()),
        fc.tuple(fc.string(), fc.string(), fc.string()),
        (a, b) => {
          fc.pre(a[0] !== b[0] || a[1] !== b[1] || a[2] !== b[2]);
          expect(idempotencyToken(...a)).not.toBe(idempotencyToken(...b));
        },
      ),
    );
  });

  it('does not confuse parts that concatenate alike', () => {
    expect(idempotencyToken('op-1', 'ab', 'c')).not.toBe(idempotencyToken('op-1', 'a', 'bc'));
  });
});
