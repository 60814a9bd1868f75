/**
 * One definition per command's options. The slash command builder, the handler's argument type
 * and the validation of what arrives (from Discord or from a console line) all derive from it,
 * so they cannot drift apart (the idea of discord-utils-bot's `argumentsOf`).
 */
import { createRequire } from "node:module";
import type { SlashCommandBuilder } from "@discordjs/builders";

const require = createRequire(import.meta.url);

interface BaseSpec {
  description: string;
  required?: boolean;
}

export interface StringSpec extends BaseSpec {
  type: "string";
  minLength?: number;
  maxLength?: number;
  autocomplete?: boolean;
}

export interface IntegerSpec extends BaseSpec {
  type: "integer";
  minValue?: number;
  maxValue?: number;
  autocomplete?: boolean;
}

export interface BooleanSpec extends BaseSpec {
  type: "boolean";
}

export type OptionSpec = StringSpec | IntegerSpec | BooleanSpec;

/** Options by name, in the order Discord shows them (required ones first). */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

type ValueOf<S extends OptionSpec> = S extends StringSpec ? string : S extends IntegerSpec ? number : boolean;
type RequiredKeys<S extends OptionSpecs> = { [K in keyof S]: S[K] extends { required: true } ? K : never }[keyof S];
type OptionalKeys<S extends OptionSpecs> = Exclude<keyof S, RequiredKeys<S>>;
type Flatten<T> = { [K in keyof T]: T[K] };

/**
 * The parsed options a handler receives: required options present, optional ones maybe.
 * @example OptionsOf<{ question: { type: "string"; description: "…"; required: true } }> // { question: string }
 */
export type OptionsOf<S extends OptionSpecs> = Flatten<
  { -readonly [K in RequiredKeys<S>]: ValueOf<S[K]> } & { -readonly [K in OptionalKeys<S>]?: ValueOf<S[K]> }
>;

/** Builds the slash command Discord registers from the one definition. Throws on an invalid one. */
export function buildSlashCommand(
  name: string,
  description: string,
  specs: OptionSpecs,
  defaultMemberPermissions?: bigint,
): SlashCommandBuilder {
  // Loaded on first use (deploy, the bot's start): the console and the CLI never build for Discord.
  const { SlashCommandBuilder } = require("@discordjs/builders") as typeof import("@discordjs/builders");
  const builder = new SlashCommandBuilder().setName(name).setDescription(description);
  if (defaultMemberPermissions !== undefined) builder.setDefaultMemberPermissions(defaultMemberPermissions);
  for (const [optionName, spec] of Object.entries(specs)) {
    switch (spec.type) {
      case "string":
        builder.addStringOption((o) => {
          o.setName(optionName)
            .setDescription(spec.description)
            .setRequired(spec.required ?? false);
          if (spec.minLength !== undefined) o.setMinLength(spec.minLength);
          if (spec.maxLength !== undefined) o.setMaxLength(spec.maxLength);
          if (spec.autocomplete) o.setAutocomplete(true);
          return o;
        });
        break;
      case "integer":
        builder.addIntegerOption((o) => {
          o.setName(optionName)
            .setDescription(spec.description)
            .setRequired(spec.required ?? false);
          if (spec.minValue !== undefined) o.setMinValue(spec.minValue);
          if (spec.maxValue !== undefined) o.setMaxValue(spec.maxValue);
          if (spec.autocomplete) o.setAutocomplete(true);
          return o;
        });
        break;
      case "boolean":
        builder.addBooleanOption((o) =>
          o
            .setName(optionName)
            .setDescription(spec.description)
            .setRequired(spec.required ?? false),
        );
        break;
    }
  }
  // Validate now (names, lengths, required-before-optional) rather than at deploy time.
  builder.toJSON();
  return builder;
}

/** `/ask question [results] [public]` */
export function usageOf(name: string, specs: OptionSpecs): string {
  const parts = Object.entries(specs).map(([n, s]) => (s.required ? n : `[${n}]`));
  return [`/${name}`, ...parts].join(" ");
}

export type ParsedOptions<S extends OptionSpecs> = { ok: true; options: OptionsOf<S> } | { ok: false; errors: string[] };

/**
 * Checks raw option values against the definition, as Discord would: types, required options,
 * lengths and ranges. Strings are accepted for integers and booleans (a console line has only
 * strings). Unknown options are an error, so a typo in the console is not silently ignored.
 */
export function parseOptions<S extends OptionSpecs>(specs: S, raw: Readonly<Record<string, unknown>>): ParsedOptions<S> {
  const errors: string[] = [];
  const out: Record<string, string | number | boolean> = {};
  for (const name of Object.keys(raw)) {
    if (!(name in specs)) errors.push(`there is no option “${name}” (options: ${Object.keys(specs).join(", ") || "none"})`);
  }
  for (const [name, spec] of Object.entries(specs)) {
    const value = raw[name];
    if (value === undefined || value === null || value === "") {
      if (spec.required) errors.push(`“${name}” is required (${spec.description.replace(/\.$/, "")})`);
      continue;
    }
    const parsed = parseOne(name, spec, value);
    if (typeof parsed === "object") errors.push(parsed.error);
    else out[name] = parsed;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, options: out as OptionsOf<S> };
}

function parseOne(name: string, spec: OptionSpec, value: unknown): string | number | boolean | { error: string } {
  switch (spec.type) {
    case "string": {
      if (typeof value !== "string") return { error: `“${name}” must be text` };
      if (spec.minLength !== undefined && value.length < spec.minLength)
        return { error: `“${name}” must be at least ${spec.minLength} characters` };
      if (spec.maxLength !== undefined && value.length > spec.maxLength) {
        return { error: `“${name}” can be at most ${spec.maxLength} characters (it has ${value.length})` };
      }
      return value;
    }
    case "integer": {
      const n = typeof value === "number" ? value : typeof value === "string" && /^\s*[-+]?\d+\s*$/.test(value) ? Number(value) : NaN;
      if (!Number.isSafeInteger(n)) return { error: `“${name}” must be a whole number` };
      const min = spec.minValue ?? -Infinity;
      const max = spec.maxValue ?? Infinity;
      if (n < min || n > max) {
        const range = Number.isFinite(max) ? `from ${min} to ${max}` : `${min} or more`;
        return { error: `“${name}” must be ${range} (not ${n})` };
      }
      return n;
    }
    case "boolean": {
      if (typeof value === "boolean") return value;
      const word = typeof value === "string" ? value.trim().toLowerCase() : "";
      if (["true", "yes", "y", "on", "1"].includes(word)) return true;
      if (["false", "no", "n", "off", "0"].includes(word)) return false;
      return { error: `“${name}” must be true or false` };
    }
  }
}

/** The words that turn a setting off (or unschedule a date) in a string option. */
const OFF_WORDS = /^(?:off|none|no|-)$/i;

/**
 * A string option that may also turn something off: `{ value: null }` for off, none, no or "-";
 * `{ value }` when `read` makes sense of the text; null when neither (the caller says what it expects).
 */
export function offOr<T>(text: string, read: (text: string) => T | null): { value: T | null } | null {
  if (OFF_WORDS.test(text.trim())) return { value: null };
  const value = read(text);
  return value === null ? null : { value };
}
