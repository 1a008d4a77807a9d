/**
 * `/stats [period]` (moderators): questions asked, answered and abstained, by topic and by shard, votes,
 * latency, the latest unanswered questions. Read from the store, so the figures survive restarts and count
 * every shard; when the store is unavailable, this process's own figures since it started, saying so.
 */
import { MessageFlags } from 'discord.js';
import type { APIEmbedField, ChatInputCommandInteraction, Client } from 'discord.js';
import { COLOURS, NO_MENTIONS, fit, fitEmbed, neutralise } from '../../render/discord.js';
import type { DiscordMessage } from '../../render/discord.js';
import { isPeriod, periodLabel, periodStart } from '../../store/period.js';
import type { Period } from '../../store/period.js';
import type { Percentiles, Summary } from '../../store/store.js';
import type { BotContext } from '../context.js';
import { periodCommand, requireModerator } from '../moderators.js';
import type { StatsSnapshot } from '../stats.js';

export const data = periodCommand(
  'stats',
  'Moderators: questions asked and answered, by topic, votes, latency, recent unanswered questions.',
  'Which questions to count (default: all kept).',
);

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

/** This process's own figures (since it started) in the store's shape, for when the store is unavailable. */
export function summaryFromSnapshot(s: StatsSnapshot, shard: number): Summary {
  return {
    since: s.startedAt,
    firstAt: null,
    asked: s.asked,
    answered: s.answered,
    abstained: s.abstained,
    byTopic: s.byTopic,
    byShard: s.asked > 0 ? [{ shard, asked: s.asked }] : [],
    latency: s.latency,
    engineLatency: s.engineLatency,
    votes: { up: 0, down: 0 },
    errors: s.errors,
    cooledDown: s.cooledDown,
    recentUnanswered: s.recentUnanswered,
  };
}

export interface StatsView {
  period: Period;
  summary: Summary;
  /** Null when the figures come from the store; else why it is unavailable (the figures are then this process's). */
  storeProblem: string | null;
  startedAt: number;
  uptimeMs: number;
  /** The shard answering, and how many there are. */
  shard: { id: number; count: number };
  /** Servers over every shard, or null when unknown. */
  servers: number | null;
}

export function renderStats(view: StatsView): DiscordMessage {
  const s = view.summary;
  const share = (n: number): string => (s.asked > 0 ? ` (${Math.round((n / s.asked) * 100)}%)` : '');
  const sharded = view.shard.count > 1;
  const fields: APIEmbedField[] = [
    {
      name: 'Uptime',
      value: `${formatDuration(view.uptimeMs)} (since <t:${Math.floor(view.startedAt / 1000)}:f>)${sharded ? ` · this is shard ${view.shard.id} of ${view.shard.count}` : ''}`,
      inline: false,
    },
  ];
  if (view.servers !== null) {
    fields.push({ name: 'Servers', value: `${view.servers}${sharded ? ` across ${view.shard.count} shards` : ''}`, inline: false });
  }
  fields.push(
    {
      name: 'Questions',
      value: `${s.asked} asked · ${s.answered} answered${share(s.answered)} · ${s.abstained} abstained${share(s.abstained)}`,
      inline: false,
    },
    { name: 'Feedback', value: `👍 ${s.votes.up} · 👎 ${s.votes.down} (\`/gaps\` lists the 👎 answers with the unanswered questions)`, inline: false },
    {
      name: 'By topic',
      value: fit(
        s.byTopic.map((t) => `${neutralise(t.topic ?? 'no topic')}: ${t.asked} asked, ${t.answered} answered`).join('\n') || 'none yet',
        1024,
      ),
      inline: false,
    },
  );
  if (sharded || s.byShard.length > 1) {
    fields.push({ name: 'By shard', value: fit(s.byShard.map((b) => `shard ${b.shard}: ${b.asked} asked`).join(' · ') || 'none yet', 1024), inline: false });
  }
  fields.push(
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
  );
  const description = view.storeProblem
    ? `⚠️ The store is unavailable, so nothing is being kept and these figures cover only this process since it started. Why: ${neutralise(view.storeProblem)}`
    : `Every shard's questions, from the store${s.firstAt !== null ? `; the oldest counted was asked <t:${Math.floor(s.firstAt / 1000)}:f>` : ''}.`;
  return {
    embeds: [
      fitEmbed({
        title: view.storeProblem ? 'Bot statistics (since start: store unavailable)' : `Bot statistics (${periodLabel(view.period)})`,
        description,
        color: view.storeProblem ? COLOURS.problem : COLOURS.info,
        fields,
      }),
    ],
    components: [],
    allowedMentions: NO_MENTIONS,
  };
}

/** Servers over every shard (asked of the other shards through the manager), or null when they do not answer in time. */
async function serverCount(client: Client, timeoutMs = 1500): Promise<number | null> {
  if (!client.shard) return client.guilds.cache.size;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const counts = await Promise.race([client.shard.fetchClientValues('guilds.cache.size'), timeout]);
    return counts ? counts.reduce<number>((sum, n) => sum + (typeof n === 'number' ? n : 0), 0) : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  if (!(await requireModerator(interaction))) return;
  const option = interaction.options.getString('period');
  const period: Period = isPeriod(option) ? option : 'all';
  const shardId = interaction.client.shard?.ids[0] ?? 0;
  const snapshot = ctx.stats.snapshot();
  const stored = ctx.insight.summary(periodStart(period, Date.now()));
  const view: StatsView = {
    period,
    summary: stored ?? summaryFromSnapshot(snapshot, shardId),
    storeProblem: stored ? null : (ctx.insight.problem ?? 'unknown'),
    startedAt: snapshot.startedAt,
    uptimeMs: snapshot.uptimeMs,
    shard: { id: shardId, count: ctx.shardCount },
    servers: await serverCount(interaction.client),
  };
  await interaction.reply({ ...renderStats(view), flags: MessageFlags.Ephemeral });
}
