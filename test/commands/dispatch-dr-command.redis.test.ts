import { botHarness, type BotHarness } from '../bot/support/bot-harness';

const HOUR = 3_600_000;

describe('/dr with names that are not environments', () => {
  let h: BotHarness;
  let seen = 0;
  beforeAll(async () => {
    h = await botHarness('names');
    h.seedShopPoints(2 * HOUR);
  });
  afterAll(async () => {
    await h.close();
  });

  /** Types `/dr TEXT` as Bob and returns the answer he gets, however it comes. */
  async function answer(text: string): Promise<string> {
    const res = await h.command(text, 'U0BOB');
    expect(res.status).toBe(200);
    if (res.text) return (JSON.parse(res.text) as { text: string }).text;
    seen += 1;
    return h.nextEphemeral('U0BOB', seen);
  }

  it.each([
    ['status constructor', 'constructor'],
    ['failover __proto__ --reason x', '__proto__'],
    ['drill toString', 'toString'],
    ['backup hasOwnProperty', 'hasOwnProperty'],
    ['history valueOf', 'valueOf'],
    ['failback constructor --reason x', 'constructor'],
  ])('/dr %s: a clear reply, nothing created, no crash', async (text, name) => {
    const reply = await answer(text);
    expect(reply.toLowerCase()).toContain(`there is no environment "${name.toLowerCase()}"`);
    expect(reply).toContain('shop-prod, payments-prod, intranet-prod');
    expect(reply).not.toMatch(/went wrong|failed/);
    expect(h.slack.callsTo('chat.postMessage')).toEqual([]);
    expect(await h.deps.locks.holder('shop-prod')).toBeUndefined();
  });

  it('does not take a flag named after an object property', async () => {
    for (const flag of ['--constructor', '--__proto__', '--toString']) {
      expect(await answer(`status ${flag}`)).toContain(`has no flag ${flag}`);
    }
  });

  it('says which environment was meant when only the case differs', async () => {
    for (const text of ['failover Shop-Prod --reason x', 'status SHOP-PROD', 'drill Shop-prod']) {
      const name = text.split(' ')[1] ?? '';
      expect(await answer(text)).toContain(
        `here is no environment "${name}"; did you mean shop-prod?`,
      );
    }
    expect(h.slack.callsTo('chat.postMessage')).toEqual([]);
    const refused = await h.deps.audit.read({ limit: 100 });
    expect(refused.every((e) => e.environment === undefined)).toBe(true);
  });
});
