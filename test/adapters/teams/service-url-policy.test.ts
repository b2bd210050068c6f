import { ServiceUrlPolicy } from '../../../adapters/teams/service-url-policy';

describe('which serviceUrl a Teams activity may name', () => {
  const strict = new ServiceUrlPolicy();

  it.each([
    'https://smba.trafficmanager.net/emea/',
    'https://smba.trafficmanager.net/amer/',
    'https://smba.infra.gcc.teams.microsoft.com/',
    'https://smba.infra.gov.teams.microsoft.us/',
    'https://webchat.botframework.com/',
  ])('allows Microsoft\'s connector %s', (url) => {
    expect(strict.isAllowed(url)).toBe(true);
  });

  it.each([
    'http://smba.trafficmanager.net/emea/',
    'https://smba.trafficmanager.net.evil.example/',
    'https://evilsmba.trafficmanager.net/',
    'https://user:pass@smba.trafficmanager.net/emea/',
    'http://127.0.0.1:3978/',
    'https://graph.microsoft.com/',
    'not a url',
    '',
  ])('refuses %j by default', (url) => {
    expect(strict.isAllowed(url)).toBe(false);
  });

  it('allows the hosts given on purpose, and loopback only in local mode', () => {
    const allowing = new ServiceUrlPolicy({ allow: ['127.0.0.1:4000', 'connector.internal'] });
    expect(allowing.isAllowed('http://127.0.0.1:4000/')).toBe(true);
    expect(allowing.isAllowed('http://127.0.0.1:4001/')).toBe(false);
    expect(allowing.isAllowed('https://connector.internal/x/')).toBe(true);
    const local = new ServiceUrlPolicy({ local: true });
    expect(local.isAllowed('http://localhost:56150/')).toBe(true);
    expect(local.isAllowed('http://127.0.0.1:3978/')).toBe(true);
    expect(local.isAllowed('http://evil.example/')).toBe(false);
  });
});
