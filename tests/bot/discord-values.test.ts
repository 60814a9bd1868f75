import {
  ButtonStyle,
  ChannelType,
  ComponentType,
  MessageFlags,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  TextInputStyle,
  ThreadAutoArchiveDuration,
} from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import * as values from "../../src/bot/discord-values.ts";

describe("the Discord enum values spelled out for the console", () => {
  it("given discord-api-types' enums, every value is the same", () => {
    const real = {
      ButtonStyle,
      ChannelType,
      ComponentType,
      MessageFlags,
      PermissionFlagsBits,
      RESTJSONErrorCodes,
      TextInputStyle,
      ThreadAutoArchiveDuration,
    } as unknown as Record<string, Record<string, number | bigint>>;
    for (const [name, members] of Object.entries(values)) {
      for (const [member, value] of Object.entries(members)) expect(value, `${name}.${member}`).toBe(real[name]![member]);
    }
  });
});
