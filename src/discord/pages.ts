/**
 * The "More sources" and "Previous" buttons under an answer. The asker pages the answer in place (so
 * does anyone on a private answer, which only they see); anyone else gets the page privately, so one
 * member cannot flip an answer under another's eyes.
 */
import { MessageFlags } from 'discord.js';
import type { ButtonInteraction } from 'discord.js';
import { notice, parsePageButtonId, renderAnswer } from '../render/discord.js';
import type { BotContext } from './context.js';

/** Handles a page button; false when the button is not one of ours. */
export async function handlePageButton(interaction: ButtonInteraction, ctx: BotContext): Promise<boolean> {
  const parsed = parsePageButtonId(interaction.customId);
  if (!parsed) return false;
  const stored = ctx.answers.get(parsed.answerId);
  if (!stored) {
    await interaction.reply({
      ...notice('That answer is too old for me to page through now. Ask again with `/ask` and the buttons will work.'),
      flags: MessageFlags.Ephemeral,
    });
    return true;
  }
  const message = renderAnswer(stored.answer, { page: parsed.page, answerId: parsed.answerId, feedback: true });
  const onlyTheyCanSee = interaction.message.flags.has(MessageFlags.Ephemeral);
  if (interaction.user.id === stored.userId || onlyTheyCanSee) await interaction.update(message);
  else await interaction.reply({ ...message, flags: MessageFlags.Ephemeral });
  return true;
}
