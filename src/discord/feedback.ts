/**
 * The 👍 / 👎 buttons under an answer. A member's vote is stored once per answer (a second click on the
 * other button changes it; the same one again changes nothing) under a keyed hash of their id, never the
 * id itself, and acknowledged privately. 👎 answers are listed to moderators by `/gaps`.
 */
import { MessageFlags } from 'discord.js';
import type { ButtonInteraction } from 'discord.js';
import { notice, parseFeedbackButtonId } from '../render/discord.js';
import type { FeedbackVote } from '../render/discord.js';
import type { VoteOutcome } from '../store/store.js';
import type { BotContext } from './context.js';

/** What the member is told, privately. */
export function feedbackReply(outcome: VoteOutcome | 'unavailable', vote: FeedbackVote): string {
  const verdict = vote === 'up' ? 'this answer helped' : 'this answer missed';
  switch (outcome) {
    case 'recorded':
      return vote === 'up'
        ? 'Thanks: noted that this answer helped.'
        : "Thanks: noted that this answer missed. Moderators see such questions in `/gaps`, to find what the articles don't cover.";
    case 'changed':
      return `Changed your vote: ${verdict}.`;
    case 'unchanged':
      return `You already said ${verdict}. To change your vote, press ${vote === 'up' ? '👎' : '👍'}.`;
    case 'unknown-answer':
      return 'That answer is too old for feedback now (it is no longer in the log). Thanks all the same.';
    case 'unavailable':
      return "Thanks, but I can't record feedback right now; a moderator can find why in the bot's log.";
  }
}

/** Handles a feedback button; false when the button is not one of ours. */
export async function handleFeedbackButton(interaction: ButtonInteraction, ctx: BotContext): Promise<boolean> {
  const parsed = parseFeedbackButtonId(interaction.customId);
  if (!parsed) return false;
  const outcome = ctx.insight.recordVote(parsed.answerId, interaction.user.id, parsed.vote === 'up' ? 1 : -1);
  ctx.logger.info(`feedback: ${parsed.vote === 'up' ? '👍' : '👎'} on answer ${parsed.answerId} (${outcome})`);
  await interaction.reply({ ...notice(feedbackReply(outcome, parsed.vote)), flags: MessageFlags.Ephemeral });
  return true;
}
