/** `/ask question:<text> [private:<bool>]`: answers with quotes from the articles, each cited. */
import { performance } from 'node:perf_hooks';
import { ApplicationIntegrationType, InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { AutocompleteInteraction, ChatInputCommandInteraction } from 'discord.js';
import { collapse, notice } from '../../render/discord.js';
import { emptyQuestionHelp, nextTurn, prepareAnswer, recordAnswer, recordEvent } from '../answering.js';
import type { BotContext } from '../context.js';
import { cooldownMessage } from '../cooldown.js';
import { isAlreadyAcknowledged } from '../errors.js';
import { suggestQuestions } from '../suggest.js';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask about the articles: the answer quotes them word for word and cites each source.')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .addStringOption((option) =>
    option
      .setName('question')
      .setDescription('Your question about the articles, in your own words')
      .setRequired(true)
      .setMaxLength(1000)
      .setAutocomplete(true),
  )
  .addBooleanOption((option) =>
    option.setName('private').setDescription('Only you see the answer (default: everyone in the channel sees it).'),
  );

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const receivedAt = performance.now();
  const question = interaction.options.getString('question', true);
  const isPrivate = interaction.options.getBoolean('private') ?? false;

  if (!collapse(question)) {
    await interaction.reply({ ...notice(emptyQuestionHelp(ctx, 'in `question`')), flags: MessageFlags.Ephemeral });
    return;
  }
  const verdict = ctx.cooldown.take(interaction.user.id, 'interaction');
  if (!verdict.ok) {
    recordEvent(ctx, 'cooldown', interaction.guildId);
    await interaction.reply({
      ...notice(cooldownMessage(ctx.config.cooldownPerMinute, verdict.retryAfterMs)),
      flags: MessageFlags.Ephemeral,
    });
    return;
  }

  // Acknowledge first (Discord allows 3 seconds), then answer by editing the placeholder.
  try {
    await interaction.deferReply(isPrivate ? { flags: MessageFlags.Ephemeral } : {});
  } catch (error) {
    // An earlier attempt of this acknowledgement went through (discord.js retried it): answer anyway.
    if (!isAlreadyAcknowledged(error)) throw error;
    interaction.deferred = true;
    ctx.logger.warn(`/ask from user ${interaction.user.id}: Discord had already taken the acknowledgement (an earlier attempt went through); answering by editing it`);
  }
  await nextTurn(ctx);
  const prepared = prepareAnswer(ctx, question, interaction.user.id);
  await interaction.editReply(prepared.message);
  recordAnswer(ctx, prepared, receivedAt, {
    via: isPrivate ? 'slash-private' : 'slash',
    guildId: interaction.guildId,
    channelId: interaction.channelId,
  });
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const choices = focused.name === 'question' ? suggestQuestions(ctx.engine.topics({ answered: true }), String(focused.value)) : [];
  await interaction.respond(choices.map((q) => ({ name: q, value: q })));
}
