import { readSettings } from '../src/settings';

describe('readSettings', () => {
  it('puts the operator endpoints on 127.0.0.1:9090 unless INTERNAL_PORT and INTERNAL_HOST say otherwise', () => {
    expect(readSettings({})).toMatchObject({ internalPort: 9090, internalHost: '127.0.0.1' });
    expect(readSettings({ INTERNAL_PORT: '9100', INTERNAL_HOST: '0.0.0.0' })).toMatchObject({
      internalPort: 9100,
      internalHost: '0.0.0.0',
    });
  });

  it.each([
    ['INTERNAL_PORT', 'ninety'],
    ['INTERNAL_PORT', '70000'],
    ['INTERNAL_PORT', '-1'],
    ['INTERNAL_PORT', '90.5'],
    ['PORT', '65536'],
  ])('refuses %s=%s in one line naming it and what it must be', (name, value) => {
    expect(() => readSettings({ [name]: value })).toThrow(
      new RegExp(
        `^${name} must be a port number from 1 to 65535 \\(0: any free port\\), got "${value}"$`,
      ),
    );
  });

  it('refuses an INTERNAL_HOST that is no address in one line', () => {
    expect(() => readSettings({ INTERNAL_HOST: 'http://0.0.0.0' })).toThrow(
      /^INTERNAL_HOST must be an address to listen on, such as 127\.0\.0\.1 or 0\.0\.0\.0$/,
    );
  });
});
