import fs from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { BOT_SCOPES, EVENTS_PATH } from '../../../adapters/slack/mount-slack';

interface Manifest {
  display_information: { name: string };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean };
    bot_user: { display_name: string };
    slash_commands: Array<{ command: string; url: string; usage_hint: string; should_escape: boolean; description: string }>;
  };
  oauth_config: { redirect_urls: string[]; scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

const manifest = load(fs.readFileSync(path.join(__dirname, '../../../manifest/slack/manifest.yml'), 'utf8')) as Manifest;

describe('Slack app manifest', () => {
  it('has a bot user and /rollout with a usage hint and escaping on', () => {
    expect(manifest.features.bot_user.display_name).toBe('Rollout');
    const [command] = manifest.features.slash_commands;
    expect(command).toMatchObject({ command: '/rollout', should_escape: true });
    expect(command.usage_hint.length).toBeGreaterThan(0);
    expect(command.description.length).toBeLessThanOrEqual(100);
  });

  it('asks for exactly the scopes the app uses', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
  });

  it('subscribes to the events the adapter handles, with Home and Messages tabs', () => {
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(['app_home_opened', 'app_mention', 'message.im']);
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('points every request URL at the one events endpoint of a placeholder host', () => {
    const urls = [manifest.features.slash_commands[0].url, manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url];
    for (const url of urls) expect(url).toBe(`https://rollout.example.org${EVENTS_PATH}`);
    expect(manifest.oauth_config.redirect_urls).toEqual(['https://rollout.example.org/slack/oauth_redirect']);
  });
});
