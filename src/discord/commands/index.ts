/** Every slash command, as registered by `deploy-commands` and dispatched by the bot. */
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import * as ask from './ask.js';
import type { Command } from './command.js';
import * as gaps from './gaps.js';
import * as help from './help.js';
import * as reload from './reload.js';
import * as sources from './sources.js';
import * as stats from './stats.js';
import * as topics from './topics.js';

export type { Command };

export const commands: readonly Command[] = [ask, topics, sources, help, reload, stats, gaps];

export const commandsByName: ReadonlyMap<string, Command> = new Map(commands.map((c) => [c.data.name, c]));

/** The JSON bodies `deploy-commands` registers. */
export function commandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((c) => c.data.toJSON());
}
