/** `/topics`: what the bot can answer, each topic with a few example questions. */
import { ApplicationIntegrationType, InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { ChatInputCommandInteraction } from 'discord.js';
import { renderTopics } from '../../render/discord.js';
import type { BotContext } from '../context.js';

export const data = new SlashCommandBuilder()
  .setName('topics')
  .setDescription('What I can answer: each topic with example questions.')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await interaction.reply({ ...renderTopics(ctx.engine.topics({ answered: true })), flags: MessageFlags.Ephemeral });
}
