/**
 * Questions by message: a message that mentions the bot or its role (where it may answer) or a DM is
 * answered as a reply to it, with the mention taken out of the question. Bots, this one included, are
 * ignored.
 */
import { performance } from 'node:perf_hooks';
import { cleanContent } from 'discord.js';
import type { Message } from 'discord.js';
import { collapse, notice } from '../render/discord.js';
import { emptyQuestionHelp, nextTurn, prepareAnswer, recordAnswer, recordEvent } from './answering.js';
import type { BotContext } from './context.js';
import { cooldownMessage } from './cooldown.js';
import { apology, discordFailure, isMissingPermission, logError } from './errors.js';

/**
 * Removes every mention of the bot: `<@id>`, the older `<@!id>`, and `<@&role>` for the bot's own role
 * (members often pick the role Discord made for the bot when they type its name). The pattern is fixed;
 * the ids are compared as strings, never made into a regular expression.
 */
export function stripBotMention(content: string, botId: string, botRoleId: string | null = null): string {
  return content.replace(/<@(!?|&)(\d+)>/g, (mention, kind: string, id: string) =>
    (kind === '&' ? botRoleId !== null && id === botRoleId : id === botId) ? ' ' : mention,
  );
}

/** The role Discord made for the bot in this message's server, if any. */
function botRoleId(message: Message, botId: string): string | null {
  return message.guild?.roles.botRoleFor(botId)?.id ?? null;
}

/** True when the bot should answer this message. */
export function isForBot(message: Message, botId: string, allowedChannelIds: ReadonlySet<string>): boolean {
  if (message.author.bot || message.system || message.author.id === botId) return false;
  if (!message.inGuild()) return true;
  const role = botRoleId(message, botId);
  if (!message.mentions.users.has(botId) && !(role !== null && message.mentions.roles.has(role))) return false;
  if (allowedChannelIds.size === 0) return true;
  const channel = message.channel;
  return allowedChannelIds.has(channel.id) || (channel.isThread() && channel.parentId !== null && allowedChannelIds.has(channel.parentId));
}

export async function handleMessage(message: Message, ctx: BotContext): Promise<void> {
  const botId = message.client.user.id;
  if (!isForBot(message, botId, ctx.config.allowedChannelIds)) return;
  const via = message.inGuild() ? 'mention' : 'DM';
  try {
    const receivedAt = performance.now();
    // Other mentions become readable names ("@someone"); @everyone and @here are broken.
    const question = collapse(cleanContent(stripBotMention(message.content, botId, botRoleId(message, botId)), message.channel));
    if (!question) {
      const how = message.inGuild() ? 'after mentioning me' : 'in a message';
      await message.reply(notice(emptyQuestionHelp(ctx, how)));
      return;
    }
    const verdict = ctx.cooldown.take(message.author.id, 'message');
    if (!verdict.ok) {
      recordEvent(ctx, 'cooldown', message.guildId);
      // Said once per wait; further messages in the same wait get no reply at all.
      if (verdict.notify) await message.reply(notice(cooldownMessage(ctx.config.cooldownPerMinute, verdict.retryAfterMs)));
      return;
    }
    if (message.channel.isSendable()) await message.channel.sendTyping().catch(() => undefined);
    await nextTurn(ctx);
    const prepared = prepareAnswer(ctx, question, message.author.id);
    await message.reply(prepared.message);
    recordAnswer(ctx, prepared, receivedAt, { via: message.inGuild() ? 'mention' : 'dm', guildId: message.guildId, channelId: message.channelId });
  } catch (error) {
    recordEvent(ctx, 'error', message.guildId);
    if (isMissingPermission(error)) {
      // An apology would be refused the same way: say once, plainly, what the server's admins can fix.
      ctx.logger.warn(
        `Could not answer a ${via} from user ${message.author.id} in channel ${message.channelId}: Discord says the bot may not send messages there (Missing Permissions). Give it View Channel, Send Messages and Read Message History in that channel, or leave the channel out of ALLOWED_CHANNEL_IDS.`,
      );
      return;
    }
    const id = logError(ctx.logger, `while answering a ${via} from user ${message.author.id}`, error);
    await message.reply(notice(apology(id))).catch((e: unknown) => ctx.logger.warn(`[error ${id}] could not tell the user: ${discordFailure(e) ?? String(e)}`));
  }
}
