/**
 * Real discord.js interaction objects built from raw API payloads, on a real Client whose REST
 * layer is intact except for the network: `makeRequest` records each request and answers like
 * Discord (or as a test tells it to, e.g. "10062 Unknown interaction").
 */
import { randomBytes } from "node:crypto";
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  Client,
  ComponentType,
  GatewayIntentBits,
  InteractionType,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIUser,
} from "discord.js";

export const APP_ID = "1100000000000000001";
export const GUILD_ID = "1200000000000000002";
export const CHANNEL_ID = "1300000000000000003";
export const MEMBER: APIUser = { id: "1400000000000000004", username: "rosa", discriminator: "0", global_name: "Rosa", avatar: null };

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

export type Answer = { status: number; body?: unknown } | undefined;

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  /** Return an answer to override the default for a request. */
  override: (request: RecordedRequest) => Answer = () => undefined;
  readonly client: Client;
  private nextId = 1500000000000000000n;

  constructor() {
    this.client = new Client({
      intents: [GatewayIntentBits.Guilds],
      rest: { retries: 0, timeout: 5000, makeRequest: (url, init) => Promise.resolve(this.handle(url, init)) },
    });
  }

  private handle(url: string, init: RequestInit): Response {
    const body = typeof init.body === "string" ? (JSON.parse(init.body) as unknown) : null;
    const request: RecordedRequest = {
      method: init.method ?? "GET",
      path: decodeURIComponent(new URL(url).pathname).replace(/^\/api\/v\d+/, ""),
      body,
    };
    this.requests.push(request);
    const answer = this.override(request) ?? this.defaultAnswer(request);
    if (answer.status === 204 || answer.body === undefined)
      return new Response(null, { status: answer.status === 200 ? 204 : answer.status });
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { "content-type": "application/json" } });
  }

  private defaultAnswer(request: RecordedRequest): { status: number; body?: unknown } {
    if (request.path.endsWith("/callback")) return { status: 204 };
    if (request.method === "DELETE") return { status: 204 };
    if (request.path.startsWith("/webhooks/"))
      return { status: 200, body: this.message(request.body as { content?: string; embeds?: unknown[]; flags?: number }) };
    return { status: 404, body: { message: "Unknown route", code: 0 } };
  }

  snowflake(): string {
    return (this.nextId++).toString();
  }

  message(body: { content?: string; embeds?: unknown[]; components?: unknown[]; flags?: number } = {}): Record<string, unknown> {
    return {
      id: this.snowflake(),
      channel_id: CHANNEL_ID,
      author: { id: APP_ID, username: "koba-bot", discriminator: "0001", global_name: null, avatar: null, bot: true },
      content: body.content ?? "",
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      pinned: false,
      type: 0,
      flags: body.flags ?? 0,
      application_id: APP_ID,
    };
  }

  private base(type: InteractionType): Record<string, unknown> {
    return {
      id: this.snowflake(),
      application_id: APP_ID,
      type,
      token: randomBytes(60).toString("base64url"),
      version: 1,
      guild_id: GUILD_ID,
      channel_id: CHANNEL_ID,
      channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: "reading-group" },
      member: {
        user: MEMBER,
        roles: [],
        joined_at: "2024-01-01T00:00:00.000Z",
        deaf: false,
        mute: false,
        flags: 0,
        permissions: "2248473465835073",
      },
      app_permissions: "2248473465835073",
      locale: "en-GB",
      guild_locale: "en-US",
      entitlements: [],
      authorizing_integration_owners: { "0": GUILD_ID },
      context: 0,
      attachment_size_limit: 10_485_760,
    };
  }

  command(name: string, options: Record<string, string | number | boolean> = {}): ChatInputCommandInteraction {
    const raw = {
      ...this.base(InteractionType.ApplicationCommand),
      data: { id: this.snowflake(), name, type: ApplicationCommandType.ChatInput, guild_id: GUILD_ID, options: toOptions(options) },
    };
    return Reflect.construct(ChatInputCommandInteraction, [this.client, raw]) as ChatInputCommandInteraction;
  }

  autocomplete(name: string, options: Record<string, string | number | boolean>, focused: string): AutocompleteInteraction {
    const raw = {
      ...this.base(InteractionType.ApplicationCommandAutocomplete),
      data: {
        id: this.snowflake(),
        name,
        type: ApplicationCommandType.ChatInput,
        guild_id: GUILD_ID,
        options: toOptions(options, focused),
      },
    };
    return Reflect.construct(AutocompleteInteraction, [this.client, raw]) as AutocompleteInteraction;
  }

  button(customId: string, messageFlags = 64): ButtonInteraction {
    const raw = {
      ...this.base(InteractionType.MessageComponent),
      data: { custom_id: customId, component_type: ComponentType.Button },
      message: this.message({
        flags: messageFlags,
        components: [{ type: 1, components: [{ type: 2, style: 2, custom_id: customId, label: "x" }] }],
      }),
    };
    return Reflect.construct(ButtonInteraction, [this.client, raw]) as ButtonInteraction;
  }

  /** The interaction callbacks (initial responses) sent so far. */
  callbacks(): Array<{ type: number; data?: Record<string, unknown> }> {
    return this.requests.filter((r) => r.path.endsWith("/callback")).map((r) => r.body as { type: number; data?: Record<string, unknown> });
  }

  async destroy(): Promise<void> {
    await this.client.destroy();
  }
}

function toOptions(
  options: Record<string, string | number | boolean>,
  focused?: string,
): APIApplicationCommandInteractionDataBasicOption[] {
  return Object.entries(options).map(([name, value]) => {
    const type =
      typeof value === "boolean"
        ? ApplicationCommandOptionType.Boolean
        : typeof value === "number"
          ? ApplicationCommandOptionType.Integer
          : ApplicationCommandOptionType.String;
    return { name, type, value, ...(name === focused ? { focused: true } : {}) } as APIApplicationCommandInteractionDataBasicOption;
  });
}
