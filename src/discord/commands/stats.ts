/** `/stats` (moderators): uptime, questions asked, answered and abstained, by topic, latency, recent unanswered. */
import { ApplicationIntegrationType, InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { APIEmbedField, ChatInputCommandInteraction } from 'discord.js';
import { COLOURS, NO_MENTIONS, fit, fitEmbed, neutralise } from '../../render/discord.js';
import type { DiscordMessage } from '../../render/discord.js';
import type { BotContext } from '../context.js';
import { MODERATOR_PERMISSION, requireModerator } from '../moderators.js';
import type { Percentiles, StatsSnapshot } from '../stats.js';

export const data = new SlashCommandBuilder()
  .setName('stats')
  .setDescription('Moderators: questions asked and answered, by topic, latency, recent unanswered questions.')
  .setContexts(InteractionContextType.Guild)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .setDefaultMemberPermissions(MODERATOR_PERMISSION);

/** "3 d 4 h", "2 h 5 min", "4 min 10 s", "12 s". */
export function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s % 60} s`;
  return `${s} s`;
}

function ms(value: number): string {
  return value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}

function latency(p: Percentiles): string {
  return p.samples === 0 ? 'no answers yet' : `p50 ${ms(p.p50)} · p95 ${ms(p.p95)}`;
}

export function renderStats(s: StatsSnapshot): DiscordMessage {
  const share = (n: number): string => (s.asked > 0 ? ` (${Math.round((n / s.asked) * 100)}%)` : '');
  const fields: APIEmbedField[] = [
    { name: 'Uptime', value: `${formatDuration(s.uptimeMs)} (since <t:${Math.floor(s.startedAt / 1000)}:f>)`, inline: true },
    {
      name: 'Questions',
      value: `${s.asked} asked · ${s.answered} answered${share(s.answered)} · ${s.abstained} abstained${share(s.abstained)}`,
      inline: false,
    },
    {
      name: 'By topic',
      value: fit(
        s.byTopic.map((t) => `${neutralise(t.topic ?? 'no topic')}: ${t.asked} asked, ${t.answered} answered`).join('\n') || 'none yet',
        1024,
      ),
      inline: false,
    },
    {
      name: 'Answer latency',
      value: `${latency(s.latency)} over ${s.latency.samples} answers (question received → answer sent); engine alone ${latency(s.engineLatency)}`,
      inline: false,
    },
    {
      name: 'Recently unanswered',
      value: fit(
        s.recentUnanswered.map((u) => `<t:${Math.floor(u.at / 1000)}:R> ${fit(neutralise(u.question), 180)}`).join('\n') || 'none',
        1024,
      ),
      inline: false,
    },
    { name: 'Other', value: `${s.cooledDown} questions held back by the cooldown · ${s.errors} errors`, inline: false },
  ];
  return {
    embeds: [fitEmbed({ title: 'Bot statistics (since start)', color: COLOURS.info, fields })],
    components: [],
    allowedMentions: NO_MENTIONS,
  };
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  if (!(await requireModerator(interaction))) return;
  await interaction.reply({ ...renderStats(ctx.stats.snapshot()), flags: MessageFlags.Ephemeral });
}
