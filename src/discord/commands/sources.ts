/** `/sources`: every article the bot quotes: outlet, headline, date, link. */
import { ApplicationIntegrationType, InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { ChatInputCommandInteraction } from 'discord.js';
import { renderSources } from '../../render/discord.js';
import type { BotContext } from '../context.js';

export const data = new SlashCommandBuilder()
  .setName('sources')
  .setDescription('The articles I quote: outlet, headline, date and link.')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await interaction.reply({ ...renderSources(ctx.engine.sources()), flags: MessageFlags.Ephemeral });
}
