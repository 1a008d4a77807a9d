/** The Discord settings: defaults, parsing, and errors that name every wrong setting and never the token. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadDiscordConfig } from '../../src/discord/config.js';

const TOKEN = 'MTA1NjM0NzY0ODUzNTM2NzY4MA.L00PBK.secret-config-test';

describe('loadDiscordConfig', () => {
  it('reads the settings, with defaults for what is unset', () => {
    const config = loadDiscordConfig({ DISCORD_TOKEN: `Bot ${TOKEN}` });
    expect(config).toEqual({
      token: TOKEN,
      appId: null,
      guildId: null,
      apiUrl: null,
      allowedChannelIds: new Set(),
      cooldownPerMinute: 5,
      logLevel: 'info',
    });
  });

  it('parses ids, the API URL, channel lists, the cooldown and the log level', () => {
    const config = loadDiscordConfig({
      DISCORD_TOKEN: TOKEN,
      DISCORD_APP_ID: '123456789012345678',
      DISCORD_GUILD_ID: ' 223456789012345678 ',
      DISCORD_API_URL: 'http://127.0.0.1:8080/api/',
      ALLOWED_CHANNEL_IDS: '323456789012345678, 423456789012345678,,',
      COOLDOWN_PER_MINUTE: '0',
      LOG_LEVEL: 'DEBUG',
    });
    expect(config.appId).toBe('123456789012345678');
    expect(config.guildId).toBe('223456789012345678');
    expect(config.apiUrl).toBe('http://127.0.0.1:8080/api');
    expect([...config.allowedChannelIds]).toEqual(['323456789012345678', '423456789012345678']);
    expect(config.cooldownPerMinute).toBe(0);
    expect(config.logLevel).toBe('debug');
  });

  it('lists every wrong setting at once, without showing the token', () => {
    let caught: unknown;
    try {
      loadDiscordConfig({
        DISCORD_TOKEN: `${TOKEN} extra`,
        DISCORD_GUILD_ID: 'my-server',
        DISCORD_API_URL: 'ftp://example',
        ALLOWED_CHANNEL_IDS: '#general',
        COOLDOWN_PER_MINUTE: 'five',
        LOG_LEVEL: 'loud',
      });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.problems).toHaveLength(6);
    for (const name of ['DISCORD_TOKEN', 'DISCORD_GUILD_ID', 'DISCORD_API_URL', 'ALLOWED_CHANNEL_IDS', 'COOLDOWN_PER_MINUTE', 'LOG_LEVEL']) {
      expect(error.message).toContain(name);
    }
    expect(error.message).not.toContain(TOKEN);
  });

  it('says where to find the token when it is missing', () => {
    expect(() => loadDiscordConfig({})).toThrow(/DISCORD_TOKEN is not set.*Developer Portal/);
  });
});
