/**
 * Moderator commands are hidden from members by their default permissions (Manage Server), and checked
 * again when run: a server can change who sees a command, and the check must hold regardless.
 */
import { ApplicationIntegrationType, InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { ChatInputCommandInteraction } from 'discord.js';
import { PERIOD_CHOICES } from '../store/period.js';
import { notice } from '../render/discord.js';

/** The permission that makes a moderator here. */
export const MODERATOR_PERMISSION = PermissionFlagsBits.ManageGuild;

/** A moderator command's builder: in servers only, shown by default to those with MODERATOR_PERMISSION. */
export function moderatorCommand(name: string, description: string): SlashCommandBuilder {
  return new SlashCommandBuilder()
    .setName(name)
    .setDescription(description)
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setDefaultMemberPermissions(MODERATOR_PERMISSION);
}

/** A moderator command with the optional `period` option of /stats and /gaps (day, week, all kept). */
export function periodCommand(name: string, description: string, periodDescription: string) {
  return moderatorCommand(name, description).addStringOption((option) =>
    option.setName('period').setDescription(periodDescription).addChoices(...PERIOD_CHOICES),
  );
}

export function isModerator(interaction: ChatInputCommandInteraction): boolean {
  return interaction.inGuild() && (interaction.memberPermissions?.has(MODERATOR_PERMISSION) ?? false);
}

/** Refuses privately unless the member may manage the server; true when they may go on. */
export async function requireModerator(interaction: ChatInputCommandInteraction): Promise<boolean> {
  if (isModerator(interaction)) return true;
  const where = interaction.inGuild() ? '' : ' It only works in a server, not in DMs.';
  await interaction.reply({
    ...notice(`\`/${interaction.commandName}\` is for moderators (Manage Server permission).${where}`),
    flags: MessageFlags.Ephemeral,
  });
  return false;
}
