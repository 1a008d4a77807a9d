/**
 * Routes interactions (slash commands, autocomplete, buttons: feedback and pages) to their handlers. Any
 * error becomes a short private apology with an error id, logged with the same id; the bot keeps running.
 */
import { DiscordAPIError, MessageFlags, RESTJSONErrorCodes } from 'discord.js';
import type { Interaction } from 'discord.js';
import { notice } from '../render/discord.js';
import { recordEvent } from './answering.js';
import { commandsByName } from './commands/index.js';
import type { BotContext } from './context.js';
import { apology, logError } from './errors.js';
import { handleFeedbackButton } from './feedback.js';
import { handlePageButton } from './pages.js';

function describe(interaction: Interaction): string {
  if (interaction.isChatInputCommand()) return `/${interaction.commandName}`;
  if (interaction.isAutocomplete()) return `autocomplete for /${interaction.commandName}`;
  if (interaction.isButton()) return `button ${interaction.customId}`;
  return `interaction of type ${interaction.type}`;
}

export async function handleInteraction(interaction: Interaction, ctx: BotContext): Promise<void> {
  try {
    if (interaction.isChatInputCommand()) {
      const command = commandsByName.get(interaction.commandName);
      if (!command) {
        await interaction.reply({
          ...notice("I don't know that command (it may be left from an older version). Try `/help`."),
          flags: MessageFlags.Ephemeral,
        });
        return;
      }
      await command.execute(interaction, ctx);
    } else if (interaction.isAutocomplete()) {
      const command = commandsByName.get(interaction.commandName);
      await (command?.autocomplete ? command.autocomplete(interaction, ctx) : interaction.respond([]));
    } else if (interaction.isButton()) {
      const handled = (await handleFeedbackButton(interaction, ctx)) || (await handlePageButton(interaction, ctx));
      if (!handled) {
        await interaction.reply({ ...notice("That button isn't mine to answer any more."), flags: MessageFlags.Ephemeral });
      }
    }
  } catch (error) {
    const id = logError(ctx.logger, `while handling ${describe(interaction)} from user ${interaction.user.id}`, error);
    recordEvent(ctx, 'error', interaction.guildId);
    await apologise(interaction, id, ctx);
  }
}

/** Tells the person something went wrong, wherever the interaction stands (replied, deferred, neither). */
async function apologise(interaction: Interaction, errorId: string, ctx: BotContext): Promise<void> {
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
      return;
    }
    if (!interaction.isRepliable()) return;
    const message = notice(apology(errorId));
    if (interaction.deferred && !interaction.replied) await interaction.editReply(message);
    else if (interaction.replied) await interaction.followUp({ ...message, flags: MessageFlags.Ephemeral });
    else await interaction.reply({ ...message, flags: MessageFlags.Ephemeral });
  } catch (error) {
    const expired = error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownInteraction;
    ctx.logger.warn(`[error ${errorId}] could not tell the user${expired ? ': the interaction expired' : ''}`, expired ? undefined : error);
  }
}
