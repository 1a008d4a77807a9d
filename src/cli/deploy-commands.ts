/**
 * `npm run deploy-commands`: registers the bot's slash commands, in DISCORD_GUILD_ID when set
 * (instant), else globally. Safe to run again: it overwrites the commands with the same set.
 * `npm run deploy-commands -- --clear` removes them instead (there, or globally).
 */
import 'dotenv/config';
import { DiscordAPIError } from 'discord.js';
import { ConfigError, loadDiscordConfig } from '../discord/config.js';
import { deployCommands } from '../discord/deploy.js';
import { redact } from '../discord/logger.js';

async function main(): Promise<number> {
  let token = '';
  try {
    const config = loadDiscordConfig();
    token = config.token;
    const clear = process.argv.slice(2).includes('--clear');
    const result = await deployCommands(config, { clear });
    const where = result.scope === 'guild' ? `in server ${result.guildId}` : 'globally';
    if (clear) {
      console.log(`Removed the bot's commands ${where}.`);
    } else {
      const when = result.scope === 'guild' ? ' (available now)' : ' (new commands can take up to an hour to show in every server)';
      console.log(`Registered ${result.commands.length} commands ${where}${when}: ${result.commands.map((n) => `/${n}`).join(', ')}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
    } else if (error instanceof DiscordAPIError) {
      const hint =
        error.status === 401
          ? ' Check DISCORD_TOKEN.'
          : error.status === 403 || error.status === 404
            ? ' Check DISCORD_APP_ID and DISCORD_GUILD_ID, and that the bot was invited to that server with the applications.commands scope.'
            : '';
      console.error(redact(`Discord refused the commands (HTTP ${error.status}): ${error.message}.${hint}`, [token]));
    } else {
      console.error(redact(`Could not register the commands: ${error instanceof Error ? error.message : String(error)}`, [token]));
    }
    return 1;
  }
}

process.exitCode = await main();
