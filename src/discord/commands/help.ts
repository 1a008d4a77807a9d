/** `/help`: how to ask, and what each command does. */
import { ApplicationIntegrationType, InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { ChatInputCommandInteraction } from 'discord.js';
import { COLOURS, NO_MENTIONS, fitEmbed, neutralise } from '../../render/discord.js';
import type { DiscordMessage } from '../../render/discord.js';
import type { BotContext } from '../context.js';

export const data = new SlashCommandBuilder()
  .setName('help')
  .setDescription('How to ask me questions, and what each command does.')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);

/** The help text; `botName` is how members mention the bot. */
export function renderHelp(ctx: BotContext, botName: string): DiscordMessage {
  const info = ctx.engine.info();
  const about = neutralise(info.description);
  const limit = ctx.config.cooldownPerMinute > 0 ? `\nYou can ask ${ctx.config.cooldownPerMinute} questions a minute.` : '';
  const description = [
    `I answer questions about ${about || 'a folder of news articles'} by quoting the articles' own sentences, each with its source. When the articles don't cover something, I say so instead of guessing.`,
    '',
    '**Ask**',
    '• `/ask question:…`: add `private:True` and only you see the answer',
    `• Mention me: @${neutralise(botName)} ${info.example ? neutralise(info.example) : 'followed by your question'}`,
    '• Or send me a direct message',
    '• Ask for an overview too: "what\'s happening in …?", "tell me about …" quote how each article opens on it',
    '• "More sources" under an answer shows further quotes; 👍 / 👎 tell the moderators how it did',
    '',
    '**Explore**',
    '• `/topics`: what I can answer, with example questions',
    '• `/sources`: the articles I quote',
    '',
    '**Moderators** (Manage Server)',
    '• `/reload`: re-read the articles and topics',
    '• `/stats`: questions asked and answered, votes, latency, recent unanswered questions',
    "• `/gaps`: questions the articles don't answer, and answers voted 👎, grouped",
  ].join('\n');
  return {
    embeds: [fitEmbed({ title: 'How to ask me', description: description + limit, color: COLOURS.info })],
    components: [],
    allowedMentions: NO_MENTIONS,
  };
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await interaction.reply({ ...renderHelp(ctx, interaction.client.user.username), flags: MessageFlags.Ephemeral });
}
