/** `/reload` (moderators): re-reads articles and topics; the new index replaces the old only when it loaded. */
import { MessageFlags } from 'discord.js';
import type { ChatInputCommandInteraction } from 'discord.js';
import { renderReload } from '../../render/discord.js';
import type { BotContext } from '../context.js';
import { moderatorCommand, requireModerator } from '../moderators.js';

export const data = moderatorCommand('reload', 'Moderators: re-read the articles and topics, and say what changed.');

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  if (!(await requireModerator(interaction))) return;
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const report = await ctx.engine.reload();
  const line = `/reload by ${interaction.user.id}: ${report.ok ? 'loaded' : `failed (${report.error ?? 'no reason given'})`}, ${report.articles} articles, +${report.added.length} -${report.removed.length} ~${report.changed.length}, ${report.problems.length} problems`;
  // A failed reload is something for the operator to mend: a warning, not news.
  if (report.ok) ctx.logger.info(line);
  else ctx.logger.warn(line);
  await interaction.editReply(renderReload(report));
}
