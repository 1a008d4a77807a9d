/**
 * The Discord face's settings, read from the environment (the CLI loads `.env` with dotenv first).
 * Every setting is documented where it is declared, and in `.env.example`.
 */

/** How much the bot logs. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export interface DiscordConfig {
  /** DISCORD_TOKEN: the bot's token (Developer Portal → your application → Bot → Reset Token). A leading "Bot " is dropped. Never logged. */
  token: string;
  /** DISCORD_APP_ID: the application (client) id. Optional: `deploy-commands` asks Discord for it when unset. */
  appId: string | null;
  /** DISCORD_GUILD_ID: a server id. When set, `deploy-commands` registers the commands in that server only (instant); else globally. */
  guildId: string | null;
  /**
   * DISCORD_API_URL: base URL of the REST API, e.g. `http://127.0.0.1:8080/api` for a proxy or a test server.
   * The client appends `/v10/...` to it and takes the gateway URL from its `/gateway/bot`. Unset: Discord itself.
   */
  apiUrl: string | null;
  /** ALLOWED_CHANNEL_IDS: comma-separated channel ids where the bot answers mentions (threads count by their parent). Empty: everywhere it can read. DMs are always answered. */
  allowedChannelIds: ReadonlySet<string>;
  /** COOLDOWN_PER_MINUTE: questions one member may ask per minute (slash command, mention or DM together). 0 turns the cooldown off. Default 5. */
  cooldownPerMinute: number;
  /** LOG_LEVEL: debug, info (default), warn or error. `debug` includes discord.js's own gateway and REST traces. */
  logLevel: LogLevel;
}

/** Settings that are wrong, all listed at once so a person fixes them in one go. */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Discord settings need attention:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** A Discord id: a snowflake, 17 to 20 digits. */
const SNOWFLAKE = /^\d{17,20}$/;

export const DEFAULT_COOLDOWN_PER_MINUTE = 5;

type Env = Readonly<Record<string, string | undefined>>;

function optional(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

/**
 * Reads and checks the settings. Throws a ConfigError naming every setting that is wrong; the message
 * never contains the token's value.
 */
export function loadDiscordConfig(env: Env = process.env): DiscordConfig {
  const problems: string[] = [];

  let token = optional(env, 'DISCORD_TOKEN') ?? '';
  token = token.replace(/^Bot\s+/i, '');
  if (!token) {
    problems.push('DISCORD_TOKEN is not set: copy the bot token from the Developer Portal (Bot → Reset Token) into .env.');
  } else if (/\s/.test(token)) {
    problems.push('DISCORD_TOKEN contains white space: paste the token alone, without quotes or spaces.');
  }

  const snowflake = (name: string): string | null => {
    const value = optional(env, name);
    if (value !== null && !SNOWFLAKE.test(value)) {
      problems.push(`${name} must be a Discord id (17 to 20 digits), got "${value}".`);
      return null;
    }
    return value;
  };
  const appId = snowflake('DISCORD_APP_ID');
  const guildId = snowflake('DISCORD_GUILD_ID');

  let apiUrl = optional(env, 'DISCORD_API_URL');
  if (apiUrl !== null) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(apiUrl);
    } catch {
      parsed = null;
    }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      problems.push(`DISCORD_API_URL must be an http(s) URL such as http://127.0.0.1:8080/api, got "${apiUrl}".`);
      apiUrl = null;
    } else {
      apiUrl = apiUrl.replace(/\/+$/, '');
    }
  }

  const allowed = new Set<string>();
  for (const part of (optional(env, 'ALLOWED_CHANNEL_IDS') ?? '').split(',')) {
    const id = part.trim();
    if (!id) continue;
    if (SNOWFLAKE.test(id)) allowed.add(id);
    else problems.push(`ALLOWED_CHANNEL_IDS must list channel ids separated by commas; "${id}" is not one.`);
  }

  let cooldownPerMinute = DEFAULT_COOLDOWN_PER_MINUTE;
  const cooldown = optional(env, 'COOLDOWN_PER_MINUTE');
  if (cooldown !== null) {
    if (/^\d{1,6}$/.test(cooldown)) cooldownPerMinute = Number(cooldown);
    else problems.push(`COOLDOWN_PER_MINUTE must be a whole number (0 turns it off), got "${cooldown}".`);
  }

  let logLevel: LogLevel = 'info';
  const level = optional(env, 'LOG_LEVEL')?.toLowerCase() ?? null;
  if (level !== null) {
    const known = LOG_LEVELS.find((l) => l === level);
    if (known) logLevel = known;
    else problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${level}".`);
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return { token, appId, guildId, apiUrl, allowedChannelIds: allowed, cooldownPerMinute, logLevel };
}
