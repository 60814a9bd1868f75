/**
 * The gateway half of the emulator: JSON encoding, no compression, one session per
 * IDENTIFY, RESUME with replay. Modelled on what @discordjs/ws 1.x expects.
 */
import type { IncomingMessage } from "node:http";
import { WebSocket, type RawData } from "ws";
import {
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayOpcodes,
  type APIUser,
  type GatewayIdentifyProperties,
} from "discord-api-types/v10";
import { makeSessionId, shardForGuild } from "./ids.ts";
import { makeGuildCreate, makeReady, type EmulatedGuild } from "./payloads.ts";
import { Recorder } from "./recorder.ts";

/** A dispatch (op 0) as it goes over the wire. */
export interface DispatchPayload {
  op: GatewayOpcodes.Dispatch;
  t: string;
  s: number;
  d: unknown;
}

/** Every payload a client sent us, in arrival order. */
export interface ReceivedGatewayPayload {
  connectionId: number;
  /** The session the connection belonged to when the payload arrived, if any. */
  sessionId: string | null;
  op: number;
  d: unknown;
  at: number;
}

export interface IdentifyRecord {
  connectionId: number;
  sessionId: string;
  token: string;
  intents: number;
  shard: [number, number];
  properties: GatewayIdentifyProperties | undefined;
  at: number;
}

export interface ResumeRecord {
  connectionId: number;
  sessionId: string;
  shard: [number, number] | null;
  /** The last sequence the client said it had seen. */
  seq: number;
  /** How many buffered dispatches were replayed before RESUMED. */
  replayed: number;
  /** False when the session was unknown or ended and we answered INVALID_SESSION. */
  ok: boolean;
  at: number;
}

export interface SentDispatch {
  sessionId: string;
  shard: [number, number];
  t: string;
  s: number;
  d: unknown;
  /** False when the socket was down and the event only went to the resume buffer. */
  delivered: boolean;
  at: number;
}

/** A snapshot of one gateway session. */
export interface GatewaySessionInfo {
  id: string;
  shard: [number, number];
  intents: number;
  /** Sequence of the last dispatch sent in this session. */
  seq: number;
  connected: boolean;
  /** Ended sessions cannot be resumed (closed with 1000/1001 or invalidated). */
  ended: boolean;
  resumes: number;
  /** Dispatches kept for a resume (not yet acknowledged by a heartbeat). */
  buffered: number;
}

/** Internal session state (exported for the emulator, not part of its public API). */
export class Session {
  seq = 0;
  socket: WebSocket | null = null;
  ended = false;
  resumes = 0;
  /** Dispatches not yet acknowledged; RESUME replays the ones after the client's seq. */
  buffer: DispatchPayload[] = [];

  constructor(
    readonly id: string,
    readonly shard: [number, number],
    readonly intents: number,
    readonly createdAt: number,
  ) {}

  info(): GatewaySessionInfo {
    return {
      id: this.id,
      shard: [...this.shard],
      intents: this.intents,
      seq: this.seq,
      connected: this.socket?.readyState === WebSocket.OPEN,
      ended: this.ended,
      resumes: this.resumes,
      buffered: this.buffer.length,
    };
  }
}

interface Connection {
  id: number;
  socket: WebSocket;
  session: Session | null;
  query: URLSearchParams;
}

export interface GatewayConfig {
  token: string;
  botUser: APIUser;
  applicationId: string;
  guilds: readonly EmulatedGuild[];
  heartbeatIntervalMs: number;
  /** Used as resume_gateway_url, so resumes come back to this server. */
  gatewayUrl: () => string;
  log: (line: string) => void;
}

/** Which sessions a control call (drop, reconnect, ...) applies to. */
export type ShardSelector = number | undefined;

export class Gateway {
  readonly received = new Recorder<ReceivedGatewayPayload>();
  readonly identifies = new Recorder<IdentifyRecord>();
  readonly resumes = new Recorder<ResumeRecord>();
  readonly dispatches = new Recorder<SentDispatch>();
  readonly #sessions = new Map<string, Session>();
  readonly #connections = new Set<Connection>();
  #nextConnectionId = 1;

  constructor(private readonly config: GatewayConfig) {}

  sessions(): GatewaySessionInfo[] {
    return [...this.#sessions.values()].map((s) => s.info());
  }

  handleConnection(socket: WebSocket, request: IncomingMessage): void {
    const query = new URL(request.url ?? "/", "http://localhost").searchParams;
    const conn: Connection = { id: this.#nextConnectionId++, socket, session: null, query };
    this.#connections.add(conn);
    this.config.log(`gateway: connection ${conn.id} opened (${query.toString()})`);
    socket.on("message", (raw: RawData) => this.#onMessage(conn, raw));
    socket.on("close", (code: number) => this.#onClose(conn, code));
    // A terminated peer surfaces as an error on some platforms; the close handler does the work.
    socket.on("error", () => undefined);
    if (query.get("encoding") !== null && query.get("encoding") !== "json") {
      socket.close(GatewayCloseCodes.DecodeError, "Only JSON encoding is emulated");
      return;
    }
    this.#send(socket, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.config.heartbeatIntervalMs }, s: null, t: null });
  }

  /** Live (not ended) session that owns `guildId`, preferring the newest. */
  sessionForGuild(guildId: string): Session {
    const candidates = [...this.#sessions.values()].filter((s) => !s.ended && shardForGuild(guildId, s.shard[1]) === s.shard[0]);
    const session = candidates.at(-1);
    if (!session) throw new Error(`emulator: no gateway session owns guild ${guildId}; wait for the client to be ready first`);
    return session;
  }

  sessionForShard(shardId: number): Session {
    const session = [...this.#sessions.values()].filter((s) => !s.ended && s.shard[0] === shardId).at(-1);
    if (!session) throw new Error(`emulator: no live gateway session for shard ${shardId}`);
    return session;
  }

  /** Sends (or, if the socket is down, only buffers) a dispatch with the next sequence number. */
  dispatch(session: Session, t: string, d: unknown): SentDispatch {
    const payload: DispatchPayload = { op: GatewayOpcodes.Dispatch, t, s: ++session.seq, d };
    // RESUMED is per-connection; replaying it on a later resume would confuse the client.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- t is any event name, known to discord-api-types or not; this compares it to RESUMED's name.
    if (t !== GatewayDispatchEvents.Resumed) session.buffer.push(payload);
    const open = session.socket?.readyState === WebSocket.OPEN;
    if (open && session.socket) this.#send(session.socket, payload);
    const record: SentDispatch = { sessionId: session.id, shard: [...session.shard], t, s: payload.s, d, delivered: open, at: Date.now() };
    this.dispatches.push(record);
    return record;
  }

  /**
   * Closes the sockets of the selected shards. 1006 terminates without a close frame
   * (what a network drop looks like); other codes send a close frame. Sessions stay
   * resumable. Returns how many sockets were dropped.
   */
  dropConnection(code: number, shardId: ShardSelector): number {
    let dropped = 0;
    for (const session of this.#select(shardId)) {
      const socket = session.socket;
      if (!socket) continue;
      // Detach now so anything dispatched from here on is buffered for the resume.
      session.socket = null;
      if (code === 1006) socket.terminate();
      else socket.close(code, "Emulated drop");
      dropped++;
    }
    this.config.log(`gateway: dropped ${dropped} socket(s) with ${code}`);
    return dropped;
  }

  /** Op 7 RECONNECT: the client closes (4200) and resumes. */
  sendReconnect(shardId: ShardSelector): number {
    return this.#sendToSessions(shardId, { op: GatewayOpcodes.Reconnect, d: null, s: null, t: null });
  }

  /** Op 9 INVALID_SESSION. A non-resumable invalidation ends the session, so the client must re-identify. */
  invalidateSession(resumable: boolean, shardId: ShardSelector): number {
    const sessions = this.#select(shardId).filter((s) => s.socket);
    for (const session of sessions) {
      if (!resumable) session.ended = true;
      if (session.socket) this.#send(session.socket, { op: GatewayOpcodes.InvalidSession, d: resumable, s: null, t: null });
    }
    return sessions.length;
  }

  close(): void {
    for (const conn of this.#connections) conn.socket.terminate();
    this.#connections.clear();
    for (const session of this.#sessions.values()) session.socket = null;
  }

  #select(shardId: ShardSelector): Session[] {
    return [...this.#sessions.values()].filter((s) => !s.ended && (shardId === undefined || s.shard[0] === shardId));
  }

  #sendToSessions(shardId: ShardSelector, payload: object): number {
    let sent = 0;
    for (const session of this.#select(shardId)) {
      if (session.socket?.readyState !== WebSocket.OPEN) continue;
      this.#send(session.socket, payload);
      sent++;
    }
    return sent;
  }

  #send(socket: WebSocket, payload: object): void {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(payload));
  }

  #onClose(conn: Connection, code: number): void {
    this.#connections.delete(conn);
    const session = conn.session;
    this.config.log(`gateway: connection ${conn.id} closed with ${code}`);
    if (!session || session.socket !== conn.socket) return;
    session.socket = null;
    // Like Discord: a client closing with 1000/1001 gives up its session.
    if (code === 1000 || code === 1001) session.ended = true;
  }

  #onMessage(conn: Connection, raw: RawData): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      payload = JSON.parse(rawToString(raw)) as { op?: unknown; d?: unknown };
    } catch {
      conn.socket.close(GatewayCloseCodes.DecodeError, "Error while decoding payload.");
      return;
    }
    const op = typeof payload.op === "number" ? payload.op : -1;
    this.received.push({ connectionId: conn.id, sessionId: conn.session?.id ?? null, op, d: payload.d, at: Date.now() });
    // The wire's number read as an opcode; one Discord does not define falls to default.
    switch (op as GatewayOpcodes) {
      case GatewayOpcodes.Heartbeat:
        return this.#onHeartbeat(conn, payload.d);
      case GatewayOpcodes.Identify:
        return this.#onIdentify(conn, payload.d);
      case GatewayOpcodes.Resume:
        return this.#onResume(conn, payload.d);
      case GatewayOpcodes.RequestGuildMembers:
        return this.#onRequestGuildMembers(conn, payload.d);
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestSoundboardSounds:
        return; // Recorded above; nothing to answer.
      default:
        conn.socket.close(GatewayCloseCodes.UnknownOpcode, "Unknown opcode.");
    }
  }

  #onHeartbeat(conn: Connection, d: unknown): void {
    // The heartbeat carries the client's last sequence: everything up to it was received.
    if (conn.session && typeof d === "number") {
      conn.session.buffer = conn.session.buffer.filter((p) => p.s > d);
    }
    this.#send(conn.socket, { op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
  }

  #onIdentify(conn: Connection, raw: unknown): void {
    const d = asRecord(raw);
    if (conn.session) {
      conn.socket.close(GatewayCloseCodes.AlreadyAuthenticated, "Already authenticated.");
      return;
    }
    if (d.token !== this.config.token) {
      conn.socket.close(GatewayCloseCodes.AuthenticationFailed, "Authentication failed.");
      return;
    }
    const shard = parseShard(d.shard);
    if (!shard) {
      conn.socket.close(GatewayCloseCodes.InvalidShard, "Invalid shard.");
      return;
    }
    const intents = typeof d.intents === "number" ? d.intents : 0;
    const session = new Session(makeSessionId(), shard, intents, Date.now());
    this.#sessions.set(session.id, session);
    conn.session = session;
    session.socket = conn.socket;
    this.identifies.push({
      connectionId: conn.id,
      sessionId: session.id,
      token: String(d.token),
      intents,
      shard: [...shard],
      properties: d.properties as GatewayIdentifyProperties | undefined,
      at: Date.now(),
    });
    this.config.log(`gateway: connection ${conn.id} identified as shard [${shard.join(", ")}] session ${session.id}`);

    const guilds = this.config.guilds.filter((g) => shardForGuild(g.id, shard[1]) === shard[0]);
    const ready = makeReady({
      user: this.config.botUser,
      guildIds: guilds.map((g) => g.id),
      sessionId: session.id,
      resumeUrl: this.config.gatewayUrl(),
      shard,
      applicationId: this.config.applicationId,
    });
    this.dispatch(session, GatewayDispatchEvents.Ready, ready);
    // discord.js holds back its ready event until every guild in READY has had a GUILD_CREATE.
    for (const guild of guilds) this.dispatch(session, GatewayDispatchEvents.GuildCreate, makeGuildCreate(guild));
  }

  #onResume(conn: Connection, raw: unknown): void {
    const d = asRecord(raw);
    if (d.token !== this.config.token) {
      conn.socket.close(GatewayCloseCodes.AuthenticationFailed, "Authentication failed.");
      return;
    }
    const sessionId = typeof d.session_id === "string" ? d.session_id : "";
    const seq = typeof d.seq === "number" ? d.seq : 0;
    const session = this.#sessions.get(sessionId);
    if (!session || session.ended) {
      this.resumes.push({
        connectionId: conn.id,
        sessionId,
        shard: session ? [...session.shard] : null,
        seq,
        replayed: 0,
        ok: false,
        at: Date.now(),
      });
      this.#send(conn.socket, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      return;
    }
    // A resume moves the session to this socket; an older socket (if any) is no longer its.
    if (session.socket && session.socket !== conn.socket) session.socket.terminate();
    session.socket = conn.socket;
    conn.session = session;
    session.resumes++;
    const missed = session.buffer.filter((p) => p.s > seq);
    session.buffer = missed;
    for (const payload of missed) this.#send(conn.socket, payload);
    this.resumes.push({
      connectionId: conn.id,
      sessionId,
      shard: [...session.shard],
      seq,
      replayed: missed.length,
      ok: true,
      at: Date.now(),
    });
    this.config.log(`gateway: session ${sessionId} resumed from ${seq}, replayed ${missed.length}`);
    this.dispatch(session, GatewayDispatchEvents.Resumed, { _trace: ["emulator"] });
  }

  #onRequestGuildMembers(conn: Connection, raw: unknown): void {
    const d = asRecord(raw);
    if (!conn.session || typeof d.guild_id !== "string") return;
    // The emulator knows no members; answer with one empty chunk so fetch() resolves.
    this.dispatch(conn.session, GatewayDispatchEvents.GuildMembersChunk, {
      guild_id: d.guild_id,
      members: [],
      chunk_index: 0,
      chunk_count: 1,
      not_found: [],
      ...(typeof d.nonce === "string" ? { nonce: d.nonce } : {}),
    });
  }
}

function rawToString(raw: RawData): string {
  if (Array.isArray(raw)) return Buffer.concat(raw).toString("utf8");
  if (raw instanceof ArrayBuffer) return Buffer.from(raw).toString("utf8");
  return raw.toString("utf8");
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

function parseShard(value: unknown): [number, number] | null {
  if (value === undefined) return [0, 1];
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [id, count] = value as unknown[];
  if (typeof id !== "number" || typeof count !== "number" || count < 1 || id < 0 || id >= count) return null;
  return [id, count];
}
