/**
 * Routes interactions (slash commands, autocomplete, buttons: feedback and pages) to their handlers. Any
 * error becomes a short private apology with an error id, logged with the same id; the bot keeps running.
 * An interaction whose token expired (Discord allows 3 seconds to acknowledge, 15 minutes to answer) can
 * no longer be answered at all: that is one warning line, and no apology is attempted.
 */
import { MessageFlags } from 'discord.js';
import type { Interaction } from 'discord.js';
import { notice } from '../render/discord.js';
import { recordEvent } from './answering.js';
import { commandsByName } from './commands/index.js';
import type { BotContext } from './context.js';
import { apology, discordFailure, isAlreadyAcknowledged, isExpiredInteraction, logError } from './errors.js';
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
    if (isAlreadyAcknowledged(error)) {
      ctx.logger.warn(
        `${describe(interaction)} from user ${interaction.user.id}: Discord had already taken my reply (an earlier attempt went through); not replying twice`,
      );
      return;
    }
    recordEvent(ctx, 'error', interaction.guildId);
    if (isExpiredInteraction(error)) {
      const acknowledged = interaction.isRepliable() && (interaction.deferred || interaction.replied);
      ctx.logger.warn(
        `${describe(interaction)} from user ${interaction.user.id} went unanswered: the interaction expired before I could ${acknowledged ? 'send the answer (Discord allows 15 minutes)' : 'acknowledge it (Discord allows 3 seconds)'}`,
      );
      return;
    }
    const id = logError(ctx.logger, `while handling ${describe(interaction)} from user ${interaction.user.id}`, error);
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
    const why = isExpiredInteraction(error) ? 'the interaction expired' : (discordFailure(error) ?? undefined);
    ctx.logger.warn(`[error ${errorId}] could not tell the user${why ? `: ${why}` : ''}`, why ? undefined : error);
  }
}
