/**
 * `/gaps [period]` (moderators): what members asked that the articles do not answer, and the answers they
 * voted 👎, grouped when they ask the same thing (src/insight/gaps.ts), most asked first, with counts and
 * when each was last asked. Tells moderators which articles or topics to add.
 */
import { MessageFlags } from 'discord.js';
import type { ChatInputCommandInteraction } from 'discord.js';
import { groupGaps } from '../../insight/gaps.js';
import type { GapGroup } from '../../insight/gaps.js';
import { COLOURS, LIMITS, NO_MENTIONS, fit, fitEmbed, neutralise, notice } from '../../render/discord.js';
import type { DiscordMessage } from '../../render/discord.js';
import { isPeriod, periodLabel, periodStart } from '../../store/period.js';
import type { Period } from '../../store/period.js';
import type { BotContext } from '../context.js';
import { periodCommand, requireModerator } from '../moderators.js';

export const data = periodCommand(
  'gaps',
  "Moderators: questions the articles don't answer, and answers voted 👎, grouped and counted.",
  'Which questions to look at (default: all kept).',
);

/** Groups shown at most; the rest are counted. */
const MAX_GROUPS = 15;
/** Other phrasings shown per group. */
const MAX_VARIANTS = 3;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One group as a few lines: count and question; what became of it and when last asked; other phrasings. */
function groupLines(group: GapGroup): string {
  const what = [
    group.unanswered > 0 ? `${group.unanswered} unanswered` : null,
    group.downvoted > 0 ? `${group.downvoted} answered but voted 👎${group.downVotes > group.downvoted ? ` (${group.downVotes} votes)` : ''}` : null,
  ].filter(Boolean);
  const lines = [`**${group.count}×** ${fit(neutralise(group.question), 200)}`, `  ${what.join(' · ')} · last <t:${Math.floor(group.lastAt / 1000)}:R>`];
  if (group.variants.length > 0) {
    const shown = group.variants.slice(0, MAX_VARIANTS).map((v) => `"${fit(neutralise(v), 80)}"`);
    const more = group.variants.length > MAX_VARIANTS ? ` (+${group.variants.length - MAX_VARIANTS} more)` : '';
    lines.push(`  also asked as ${shown.join(' · ')}${more}`);
  }
  return lines.join('\n');
}

export function renderGaps(groups: readonly GapGroup[], period: Period, questions: number): DiscordMessage {
  let description = '';
  let shown = 0;
  for (const group of groups.slice(0, MAX_GROUPS)) {
    const block = groupLines(group);
    const reserve = groups.length - shown > 1 ? 40 : 0;
    if (description.length + block.length + 2 + reserve > LIMITS.embedDescription) break;
    description = description ? `${description}\n\n${block}` : block;
    shown += 1;
  }
  if (shown < groups.length) description += `\n\n…and ${plural(groups.length - shown, 'more group')}`;
  return {
    embeds: [
      fitEmbed({
        title: `Coverage gaps (${periodLabel(period)})`,
        description:
          description ||
          'Nothing to show: every question in this period was answered, and no answer was voted 👎.',
        color: COLOURS.info,
        footer: {
          text: `${plural(questions, 'question')} in ${plural(groups.length, 'group')}, most asked first · grouped by shared words (stems, typos, synonyms)`,
        },
      }),
    ],
    components: [],
    allowedMentions: NO_MENTIONS,
  };
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  if (!(await requireModerator(interaction))) return;
  const option = interaction.options.getString('period');
  const period: Period = isPeriod(option) ? option : 'all';
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const rows = ctx.insight.gaps(periodStart(period, Date.now()));
  if (!rows) {
    await interaction.editReply(
      notice(`The store is unavailable, so there are no unanswered questions to show. Why: ${neutralise(ctx.insight.problem ?? 'unknown')}`),
    );
    return;
  }
  await interaction.editReply(renderGaps(groupGaps(rows), period, rows.length));
}
