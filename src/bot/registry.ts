/**
 * The command registry: one module per slash command in commands/, collected here and kept
 * apart from the search core. Like the discord.js TypeScript template, a loader imports each
 * file and keeps only what passes the {@link isCommand} type guard.
 */
import { readdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildSlashCommand, usageOf, type OptionSpecs } from "./options.ts";
import type { Logger } from "./logger.ts";
import { isMessageCommand, type MessageCommand } from "./message-commands.ts";
import type { ButtonHandler, Command, CommandBehaviour, CommandData, CommandSummary, ModalHandler } from "./types.ts";

/** The project's `commands/` folder. */
const defaultCommandsDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../commands");

/** A command as written in commands/: its name and description, and what it does. */
export interface CommandDefinition<S extends OptionSpecs> extends CommandBehaviour<S> {
  name: string;
  /** At most 100 characters (Discord's limit). */
  description: string;
}

/**
 * Makes a command from one definition: the builder Discord registers and the handler's option
 * types both come from `options`.
 *
 * @example
 * export default defineCommand({ name: "about", description: "…", options: {}, examples: ["/about"], execute: () => reply(…) });
 */
export function defineCommand<const S extends OptionSpecs>(def: CommandDefinition<S>): Command<S> {
  const { name, description, ...rest } = def;
  // What Discord registers, built when first asked for (deploy, the bot's start), so the console
  // never loads the builders; the bot builds every command at start, so a bad one still fails early.
  let built: CommandData | undefined;
  const data: CommandData = {
    name,
    description,
    toJSON: () => (built ??= buildSlashCommand(name, description, def.options, def.defaultMemberPermissions)).toJSON(),
  };
  return { ...rest, data, usage: usageOf(name, def.options) };
}

/** Type guard for a command module's default export. */
export function isCommand(value: unknown): value is Command {
  if (typeof value !== "object" || value === null) return false;
  const c = value as Partial<Command>;
  return (
    typeof c.data === "object" &&
    c.data !== null &&
    typeof c.data.name === "string" &&
    typeof c.data.toJSON === "function" &&
    typeof c.options === "object" &&
    c.options !== null &&
    typeof c.execute === "function" &&
    typeof c.usage === "string" &&
    Array.isArray(c.examples) &&
    (c.autocomplete === undefined || typeof c.autocomplete === "function") &&
    (c.buttons === undefined || (typeof c.buttons === "object" && Object.values(c.buttons).every((h) => typeof h === "function"))) &&
    (c.modals === undefined || (typeof c.modals === "object" && Object.values(c.modals).every((h) => typeof h === "function")))
  );
}

/** A button's handler, the command that owns it, and whether a click counts against the member cooldown. */
export interface ButtonEntry {
  command: string;
  handler: ButtonHandler;
  cooldown: boolean;
}

export class Registry {
  readonly commands: ReadonlyMap<string, Command>;
  /** Message commands (right-click a message → Apps), by their name as shown. */
  readonly messageCommands: ReadonlyMap<string, MessageCommand>;
  private readonly buttons = new Map<string, ButtonEntry>();
  private readonly modals = new Map<string, { command: string; handler: ModalHandler }>();
  readonly summaries: readonly CommandSummary[];

  constructor(commands: readonly Command[], messageCommands: readonly MessageCommand[] = []) {
    const byName = new Map<string, Command>();
    for (const command of commands) {
      if (byName.has(command.data.name)) throw new Error(`Registry: two commands are named "${command.data.name}"`);
      byName.set(command.data.name, command);
      this.addButtons(command.data.name, command.buttons, command.publicButtons);
      for (const [prefix, handler] of Object.entries(command.modals ?? {})) {
        if (!/^[a-z]+$/.test(prefix))
          throw new Error(`Registry: form prefix "${prefix}" of “${command.data.name}” must be lower-case letters`);
        const other = this.modals.get(prefix);
        if (other) throw new Error(`Registry: form prefix "${prefix}" is claimed by “${other.command}” and “${command.data.name}”`);
        this.modals.set(prefix, { command: command.data.name, handler });
      }
    }
    const messages = new Map<string, MessageCommand>();
    for (const command of messageCommands) {
      if (messages.has(command.data.name)) throw new Error(`Registry: two message commands are named "${command.data.name}"`);
      messages.set(command.data.name, command);
      this.addButtons(command.data.name, command.buttons);
    }
    this.commands = byName;
    this.messageCommands = messages;
    this.summaries = [...byName.values()].map((c) => ({
      name: c.data.name,
      description: c.data.description,
      usage: c.usage,
      examples: c.examples,
    }));
  }

  private addButtons(
    owner: string,
    buttons: Readonly<Record<string, ButtonHandler>> | undefined,
    publicButtons: readonly string[] = [],
  ): void {
    for (const [prefix, handler] of Object.entries(buttons ?? {})) {
      if (!/^[a-z]+$/.test(prefix)) throw new Error(`Registry: button prefix "${prefix}" of “${owner}” must be lower-case letters`);
      const other = this.buttons.get(prefix);
      if (other) throw new Error(`Registry: button prefix "${prefix}" is claimed by “${other.command}” and “${owner}”`);
      this.buttons.set(prefix, { command: owner, handler, cooldown: publicButtons.includes(prefix) });
    }
  }

  /** The handler for a submitted form's custom id (by the part before the first `:`). */
  modal(customId: string): { command: string; handler: ModalHandler } | undefined {
    return this.modals.get(customId.split(":", 1)[0] ?? "");
  }

  /** A message command by its name. */
  messageCommand(name: string): MessageCommand | undefined {
    return this.messageCommands.get(name);
  }

  get(name: string): Command | undefined {
    return this.commands.get(name);
  }

  /** The handler for a custom id (by the part before the first `:`), with the command that owns it. */
  button(customId: string): ButtonEntry | undefined {
    const prefix = customId.split(":", 1)[0] ?? "";
    return this.buttons.get(prefix);
  }

  /** What `npm run deploy` sends to Discord. */
  toJSON(): unknown[] {
    return [...this.commands.values(), ...this.messageCommands.values()].map((c) => c.data.toJSON());
  }
}

/**
 * Imports every `*.ts` / `*.js` module in `dir` (not `index.*`) and registers the valid commands,
 * by name. A module whose default export is not a command is skipped and logged as a warning.
 */
export async function loadCommands(logger: Pick<Logger, "warn">, dir: string = defaultCommandsDir): Promise<Registry> {
  const modules: Array<{ file: string; module: { default?: unknown } }> = [];
  for (const file of commandFiles(await readdir(dir))) {
    modules.push({ file, module: (await import(pathToFileURL(join(dir, file)).href)) as { default?: unknown } });
  }
  return registryFrom(modules, (file) =>
    logger.warn("a module in commands/ is not a command: skipped", {
      file,
      expected: "a default export made by defineCommand or defineMessageCommand",
    }),
  );
}

/** The files of a commands folder that hold commands, in the order they load (the build's snapshot loads the same). */
export function commandFiles(names: readonly string[]): string[] {
  return names.filter((f) => /\.(ts|js|mjs)$/.test(f) && !/^index\./.test(f) && !f.endsWith(".d.ts")).sort();
}

/** The registry of command modules already loaded; a module whose default export is no command is handed to `skipped`. */
export function registryFrom(
  modules: ReadonlyArray<{ file: string; module: { default?: unknown } }>,
  skipped: (file: string) => void,
): Registry {
  const commands: Command[] = [];
  const messageCommands: MessageCommand[] = [];
  for (const { file, module } of modules) {
    if (isCommand(module.default)) commands.push(module.default);
    else if (isMessageCommand(module.default)) messageCommands.push(module.default);
    else skipped(file);
  }
  return new Registry(commands, messageCommands);
}
