/**
 * Registers the slash commands with Discord. A bulk overwrite (PUT) makes it idempotent: running it
 * again leaves exactly the same commands. In one server when DISCORD_GUILD_ID is set (instant, for
 * trying things out), else globally (every server the bot is in). `clear` registers none, removing them.
 */
import { REST, Routes } from 'discord.js';
import { commandDefinitions } from './commands/index.js';
import type { DiscordConfig } from './config.js';

export interface DeployResult {
  scope: 'guild' | 'global';
  appId: string;
  guildId: string | null;
  /** The names of the commands Discord now has. */
  commands: string[];
}

function hasStringId(value: unknown): value is { id: string } {
  return typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'string';
}

function names(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((c: unknown) =>
    typeof c === 'object' && c !== null && 'name' in c && typeof c.name === 'string' ? [c.name] : [],
  );
}

export interface DeployOptions {
  /** Register no commands at all (removes the bot's commands from the server, or globally). */
  clear?: boolean;
}

export async function deployCommands(
  config: Pick<DiscordConfig, 'token' | 'appId' | 'guildId' | 'apiUrl'>,
  options: DeployOptions = {},
): Promise<DeployResult> {
  const rest = new REST({ version: '10', ...(config.apiUrl ? { api: config.apiUrl } : {}) }).setToken(config.token);
  try {
    let appId = config.appId;
    if (!appId) {
      const app: unknown = await rest.get(Routes.currentApplication());
      if (!hasStringId(app)) throw new Error('Discord did not say which application this token belongs to; set DISCORD_APP_ID.');
      appId = app.id;
    }
    const route = config.guildId ? Routes.applicationGuildCommands(appId, config.guildId) : Routes.applicationCommands(appId);
    const registered: unknown = await rest.put(route, { body: options.clear ? [] : commandDefinitions() });
    return { scope: config.guildId ? 'guild' : 'global', appId, guildId: config.guildId, commands: names(registered) };
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}
