/**
 * A loopback Discord for the tests: a small server on 127.0.0.1 (random port) that speaks enough of
 * Discord's REST API v10 (node:http) and Gateway v10 (`ws`, JSON, no compression) for the real
 * discord.js client to log in, receive dispatches, and answer interactions and messages.
 *
 * It records every request the bot makes (method, path, body, what it answered, when) and every gateway
 * frame it sends; it can inject faults: close the gateway (abruptly or with a code), ask the client to
 * reconnect (op 7) or tell it its session is invalid (op 9); answer the next N requests on a route with
 * 429 (with Retry-After and X-RateLimit-* headers, per route or global, as Discord does), a 5xx (JSON, or
 * an HTML page as Discord's proxy sends for 502), or any error code (403 Missing Permissions…); hold a
 * response back for a while; expire an interaction's token.
 * Like Discord, it refuses (400) a message over Discord's limits, a second acknowledgement of an
 * interaction, and requests without the bot's token where one is needed.
 *
 * Sharding: it can hold several guilds (`guilds` option; guild k goes to shard k % count for any count
 * dividing 60), and when clients identify with `shard: [id, count]`, each session gets only its own
 * guilds' events, as Discord routes them: `(guild_id >> 22) % count`; DMs go to shard 0.
 *
 * Nothing here leaves 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { PermissionFlagsBits } from 'discord.js';
import { WebSocket, WebSocketServer } from 'ws';
import type { RawData } from 'ws';
import { choiceProblems, messageLimitProblems } from './limits.js';

export type Obj = Record<string, unknown>;

/** One request the bot made, and how the server answered it. */
export interface RecordedRequest {
  /** Order of arrival, from 0. */
  seq: number;
  method: string;
  /** Path without `/api`, the version and the query, e.g. `/interactions/1/abc/callback`. */
  path: string;
  query: Record<string, string>;
  /** The JSON body (null when none). */
  body: unknown;
  /** Whether it carried `Authorization: Bot <the token>`. */
  authorized: boolean;
  status: number;
  /** The JSON the server answered with (null when none). */
  response: unknown;
  /** True when answered by an injected fault. */
  fault: boolean;
  /** When the request arrived and when it was answered (performance.now(), ms). */
  receivedAt: number;
  answeredAt: number;
}

/** A gateway payload. */
export interface GatewayFrame {
  op: number;
  d: unknown;
  s?: number | null;
  t?: string | null;
}

export interface TestUser {
  id: string;
  username: string;
  global_name: string;
  discriminator: string;
  avatar: null;
  bot: boolean;
  public_flags: number;
}

/** Who does something in a test: a member (or moderator) in a guild channel, or someone in a DM. */
export interface Actor {
  /** A user, or a name for one (the same name gives the same user). Default: a new user each time. */
  user?: TestUser | string;
  /** Has Manage Server (default false). */
  moderator?: boolean;
  /** The member's permissions in the channel, exactly (overrides `moderator`). */
  permissions?: bigint;
  /** In a DM with the bot rather than in the guild. */
  dm?: boolean;
  /** Guild channel (default: the guild's #general). */
  channelId?: string;
  /** Which guild (default: the first, `guildId`); ignored in DMs. */
  guildId?: string;
}

/** A guild of the loopback Discord, with its channels and the role Discord made for the bot. */
export interface LoopbackGuild {
  id: string;
  name: string;
  channels: { general: string; offTopic: string; thread: string };
  botRoleId: string;
}

/** An interaction the server sent, with what identifies its requests. */
export interface Injected {
  id: string;
  token: string;
  user: TestUser;
  channelId: string;
  guildId: string | null;
  /** POST path of its callback. */
  callbackPath: string;
  /** Path prefix of its webhook (follow-ups and edits). */
  webhookPath: string;
  /** When it was sent over the gateway (performance.now(), ms). */
  sentAt: number;
}

export interface FaultSpec {
  /** HTTP method to match (default: any). */
  method?: string;
  /** Path to match (a RegExp, or an exact path). */
  path: RegExp | string;
  /**
   * 429, a 5xx, or any error status. Omitted: the request is served as usual (with `delayMs`, a slow
   * Discord).
   */
  status?: number;
  /** How many matching requests get the fault (default 1; `Infinity` until `clearFaults()`). */
  times?: number;
  /** For 429: seconds to wait (default 1; the header is rounded up, as Discord does). */
  retryAfter?: number;
  /** For 429: a global rate limit. */
  global?: boolean;
  /** For other errors: Discord's JSON error code, e.g. 50013 Missing Permissions (default 0). */
  code?: number;
  /** For other errors: Discord's JSON error message (default "<status>: loopback fault"). */
  message?: string;
  /** Answer with an HTML page instead of JSON, as Discord's proxy does for a 502 or 503. */
  html?: boolean;
  /** Hold the answer back this many milliseconds. */
  delayMs?: number;
  /**
   * Serve the request first (its effect happens), then answer with the fault anyway: as when Discord's
   * answer was lost and a retry of the request is refused (e.g. 400 40060 "already acknowledged").
   */
  afterServing?: boolean;
  /** Close the connection without answering (status is then ignored): a connection dropped mid-request. */
  drop?: boolean;
}

interface Fault {
  method: string | null;
  path: RegExp | string;
  status: number | null;
  times: number;
  retryAfter: number;
  global: boolean;
  code: number;
  message: string | null;
  html: boolean;
  delayMs: number;
  afterServing: boolean;
  drop: boolean;
}

interface Session {
  id: string;
  /** The shard this session identified as: [id, count]. */
  shard: [number, number];
  seq: number;
  buffer: GatewayFrame[];
  socket: WebSocket | null;
}

interface InteractionState {
  injected: Injected;
  acked: boolean;
  original: Obj | null;
  /** For a component interaction: the message the button was on. */
  source: Obj | null;
  messages: Map<string, Obj>;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A fresh snowflake, as Discord makes them (time-ordered). */
export function snowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

/**
 * The k-th guild's id: a snowflake whose time part is a multiple of 60 ms plus k, so that guild k falls
 * to shard k % count for every shard count dividing 60 (1, 2, 3, 4, 5, 6, 10, 12, …).
 */
function guildSnowflake(k: number): string {
  increment = (increment + 1n) & 0xfffn;
  const ms = ((BigInt(Date.now()) - DISCORD_EPOCH) / 60n) * 60n + BigInt(k);
  return ((ms << 22n) | (1n << 17n) | increment).toString();
}

/** Discord's rule: a guild's events go to shard `(guild_id >> 22) % count`. */
export function shardOfGuild(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(Math.max(1, count)));
}

const MEMBER_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands;
const MODERATOR_PERMISSIONS = MEMBER_PERMISSIONS | PermissionFlagsBits.ManageGuild | PermissionFlagsBits.ManageMessages;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function error(status: number, code: number, message: string, errors?: unknown): Reply {
  return { status, body: { code, message, ...(errors ? { errors } : {}) } };
}

function invalidForm(problems: string[]): Reply {
  return error(400, 50035, 'Invalid Form Body', { _errors: problems.map((message) => ({ code: 'BASE_TYPE_MAX_LENGTH', message })) });
}

export interface LoopbackOptions {
  /** The bot token the server accepts. */
  token: string;
  /** Gateway heartbeat interval in ms (default 41250, as Discord). */
  heartbeatInterval?: number;
  /** How many guilds the bot is in (default 1). */
  guilds?: number;
  /** GET /gateway/bot: the recommended shard count (default 1). */
  recommendedShards?: number;
  /** GET /gateway/bot: identifies allowed per 5 s (default 1, as for most bots). */
  maxConcurrency?: number;
}

export class LoopbackDiscord {
  readonly token: string;
  readonly botUser: TestUser;
  readonly appId: string;
  readonly guildId: string;
  readonly ownerId: string;
  readonly channels: { general: string; offTopic: string; thread: string };
  /** The role Discord makes for the bot when it joins (tagged with its id). */
  readonly botRoleId: string;
  /** Every guild the bot is in; the first is `guildId` with `channels` and `botRoleId`. */
  readonly guilds: readonly LoopbackGuild[];
  readonly requests: RecordedRequest[] = [];
  /** Every gateway payload the client sent. */
  readonly frames: GatewayFrame[] = [];
  /** How many times the client identified, resumed, and connected. */
  readonly counts = { identify: 0, resume: 0, connections: 0 };
  /** The query of each gateway connection (v, encoding, compress). */
  readonly gatewayQueries: Record<string, string>[] = [];

  readonly #http: Server;
  readonly #wss: WebSocketServer;
  readonly #events = new EventEmitter();
  readonly #heartbeatInterval: number;
  readonly #sockets = new Set<WebSocket>();
  readonly #sessions = new Map<string, Session>();
  #current: Session | null = null;
  /** The live session of each shard, when clients identified as shards of more than one. */
  readonly #shardSessions = new Map<number, Session>();
  #shardCount = 1;
  readonly #interactions = new Map<string, InteractionState>();
  readonly #messages = new Map<string, Obj>();
  readonly #dmChannels = new Map<string, string>();
  readonly #users = new Map<string, TestUser>();
  readonly #commands = new Map<string, Obj[]>();
  readonly #faults: Fault[] = [];
  readonly #recommendedShards: number;
  readonly #maxConcurrency: number;
  /** Tokens of interactions expired on purpose: requests for them count as injected faults. */
  readonly #expired = new Set<string>();
  #port = 0;

  private constructor(options: LoopbackOptions) {
    this.token = options.token;
    this.#heartbeatInterval = options.heartbeatInterval ?? 41_250;
    this.botUser = { ...this.#newUser('Loopback Bot'), bot: true };
    this.appId = this.botUser.id;
    this.ownerId = this.user('owner').id;
    this.#recommendedShards = options.recommendedShards ?? 1;
    this.#maxConcurrency = options.maxConcurrency ?? 1;
    this.guilds = Array.from({ length: Math.max(1, options.guilds ?? 1) }, (_, k) => ({
      id: guildSnowflake(k),
      name: k === 0 ? 'Loopback Test Server' : `Loopback Test Server ${k + 1}`,
      channels: { general: snowflake(), offTopic: snowflake(), thread: snowflake() },
      botRoleId: snowflake(),
    }));
    const first = this.guilds[0]!;
    this.guildId = first.id;
    this.channels = first.channels;
    this.botRoleId = first.botRoleId;
    this.#events.setMaxListeners(100);
    this.#http = createServer((req, res) => void this.#onHttp(req, res));
    this.#wss = new WebSocketServer({ server: this.#http });
    this.#wss.on('connection', (socket, req) => this.#onConnection(socket, req));
  }

  /** Starts a server on 127.0.0.1 at a random port. */
  static async start(options: LoopbackOptions): Promise<LoopbackDiscord> {
    const server = new LoopbackDiscord(options);
    await new Promise<void>((resolve, reject) => {
      server.#http.once('error', reject);
      server.#http.listen(0, '127.0.0.1', () => resolve());
    });
    server.#port = (server.#http.address() as AddressInfo).port;
    return server;
  }

  /** The value for DISCORD_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.#port}`;
  }

  /** Stops everything: gateway sockets, HTTP keep-alive connections, the server. */
  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    this.#http.closeAllConnections();
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
    this.#events.removeAllListeners();
  }

  // -------------------------------------------------------------------------------------------
  // Users and waiting

  /** The user with that name (made on first use). */
  user(name: string): TestUser {
    let user = this.#users.get(name);
    if (!user) {
      user = this.#newUser(name);
      this.#users.set(name, user);
    }
    return user;
  }

  #newUser(name: string): TestUser {
    const username = name.toLowerCase().replace(/[^a-z0-9_.]/g, '_').slice(0, 32) || 'user';
    return { id: snowflake(), username, global_name: name, discriminator: '0', avatar: null, bot: false, public_flags: 0 };
  }

  #resolveUser(actor: Actor): TestUser {
    if (typeof actor.user === 'string') return this.user(actor.user);
    return actor.user ?? this.#newUser(`member-${randomBytes(3).toString('hex')}`);
  }

  /**
   * Resolves with the first value `probe` returns that is not undefined, probing now, after each
   * request or gateway frame, and every 25 ms (for conditions outside the server, such as a child
   * process's output); rejects after `timeoutMs` with `what` and the recent requests.
   */
  async until<T>(probe: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
    const first = probe();
    if (first !== undefined) return first;
    return new Promise<T>((resolve, reject) => {
      const onChange = (): void => {
        const value = probe();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        const recent = this.requests
          .slice(-8)
          .map((r) => `  ${r.method} ${r.path} → ${r.status}`)
          .join('\n');
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}. Last requests:\n${recent || '  (none)'}`));
      }, timeoutMs);
      const poll = setInterval(onChange, 25);
      const cleanup = (): void => {
        clearTimeout(timer);
        clearInterval(poll);
        this.#events.off('change', onChange);
      };
      this.#events.on('change', onChange);
    });
  }

  /** The first recorded request (from index `from`) that matches. */
  async waitForRequest(match: (r: RecordedRequest) => boolean, what: string, options: { from?: number; timeoutMs?: number } = {}): Promise<RecordedRequest> {
    const from = options.from ?? 0;
    return this.until(() => this.requests.slice(from).find(match), what, options.timeoutMs);
  }

  /** The interaction's first successful callback. */
  callback(i: Injected): Promise<RecordedRequest> {
    return this.waitForRequest((r) => r.method === 'POST' && r.path === i.callbackPath && r.status < 300, `the callback of interaction ${i.id}`);
  }

  /** The interaction's first successful edit of its original response. */
  originalEdit(i: Injected): Promise<RecordedRequest> {
    return this.waitForRequest(
      (r) => r.method === 'PATCH' && r.path === `${i.webhookPath}/messages/@original` && r.status < 300,
      `the edit of interaction ${i.id}'s reply`,
    );
  }

  /** The message the interaction's response now shows (after edits), as Discord would send it. */
  originalMessage(i: Injected): Obj | null {
    return this.#interactions.get(i.token)?.original ?? null;
  }

  /** Requests the bot made that carry a message (callbacks with a message, webhook sends and edits, channel sends). */
  messageRequests(): { request: RecordedRequest; message: Obj }[] {
    const out: { request: RecordedRequest; message: Obj }[] = [];
    for (const r of this.requests) {
      if (!isObj(r.body)) continue;
      if (r.path.endsWith('/callback') && (r.body.type === 4 || r.body.type === 7) && isObj(r.body.data)) {
        out.push({ request: r, message: r.body.data });
      } else if ((r.path.startsWith('/webhooks/') && r.method !== 'GET' && r.method !== 'DELETE') || /^\/channels\/\d+\/messages$/.test(r.path)) {
        out.push({ request: r, message: r.body });
      }
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // Faults

  /**
   * Answers the next `times` requests matching with `status` (429 with rate-limit headers, or e.g. 500,
   * 502, 403), and/or after `delayMs`. The earliest fault still pending that matches applies.
   */
  fault(spec: FaultSpec): void {
    this.#faults.push({
      method: spec.method?.toUpperCase() ?? null,
      path: spec.path,
      status: spec.status ?? null,
      times: spec.times ?? 1,
      retryAfter: spec.retryAfter ?? 1,
      global: spec.global ?? false,
      code: spec.code ?? 0,
      message: spec.message ?? null,
      html: spec.html ?? false,
      delayMs: spec.delayMs ?? 0,
      afterServing: spec.afterServing ?? false,
      drop: spec.drop ?? false,
    });
  }

  /** Removes every pending fault. */
  clearFaults(): void {
    this.#faults.length = 0;
  }

  /**
   * Lets an interaction's token expire, as Discord does 3 seconds after sending it unanswered (and 15
   * minutes after it was answered): its callback then gets 404 Unknown interaction (10062), its webhook
   * 404 Unknown Webhook (10015).
   */
  expireInteraction(i: Injected): void {
    this.#interactions.delete(i.token);
    this.#expired.add(i.token);
  }

  /**
   * Forgets what the server recorded and holds (requests, frames, interactions, messages), as a long-
   * running Discord would not keep them for the bot: for measuring the bot's own memory.
   */
  forget(): void {
    this.requests.length = 0;
    this.frames.length = 0;
    this.#interactions.clear();
    this.#expired.clear();
    this.#messages.clear();
    for (const session of this.#sessions.values()) session.buffer.length = 0;
  }

  /**
   * Closes the gateway connection: abruptly (no close frame, as when a network drops) when no code is
   * given, else with that close code. With 4007 (invalid seq) or 4009 (session timed out) Discord has
   * ended the session too: a resume then gets Invalid Session. Resolves once the socket is closed.
   */
  async dropGateway(code?: number): Promise<void> {
    const socket = this.#current?.socket;
    if (!socket) throw new Error('No gateway connection to drop');
    if ((code === 4007 || code === 4009) && this.#current) this.#sessions.delete(this.#current.id);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    if (code === undefined) socket.terminate();
    else socket.close(code, 'loopback fault');
    await closed;
  }

  /** Forgets every session: the next Resume gets Invalid Session (d: false) and the client must identify again. */
  invalidateSessions(): void {
    this.#sessions.clear();
  }

  /** Sends Reconnect (op 7) on the open connection: Discord asks the client to reconnect and resume. */
  requestReconnect(): void {
    const socket = this.#current?.socket;
    if (!socket) throw new Error('No gateway connection to send Reconnect on');
    socket.send(JSON.stringify({ op: 7, d: null, s: null, t: null }));
  }

  /**
   * Sends Invalid Session (op 9) on the open connection, mid-session. Not resumable (`false`): the
   * session is forgotten and the client must identify again; resumable (`true`): it may resume.
   */
  sendInvalidSession(resumable: boolean): void {
    const session = this.#current;
    const socket = session?.socket;
    if (!session || !socket) throw new Error('No gateway connection to invalidate');
    if (!resumable) this.#sessions.delete(session.id);
    socket.send(JSON.stringify({ op: 9, d: resumable, s: null, t: null }));
  }

  // -------------------------------------------------------------------------------------------
  // Gateway

  /** True once a session is identified (or resumed) and its socket is open. */
  get connected(): boolean {
    return this.#current?.socket?.readyState === WebSocket.OPEN;
  }

  /** The shards that have a session with an open socket (sharded clients only). */
  connectedShards(): number[] {
    return [...this.#shardSessions.entries()]
      .filter(([, session]) => session.socket?.readyState === WebSocket.OPEN)
      .map(([id]) => id)
      .sort((a, b) => a - b);
  }

  /** The session a dispatch goes to: the current one, or, when sharded, the shard of its guild (DMs: shard 0). */
  #sessionFor(d: unknown): Session | null {
    if (this.#shardCount <= 1) return this.#current;
    const guildId = isObj(d) && typeof d.guild_id === 'string' ? d.guild_id : null;
    return this.#shardSessions.get(guildId ? shardOfGuild(guildId, this.#shardCount) : 0) ?? null;
  }

  /** Sends a dispatch on its session (buffered for a resume when the socket is down). */
  dispatch(t: string, d: unknown): void {
    this.#send(this.#sessionFor(d), t, d);
  }

  #send(session: Session | null, t: string, d: unknown): void {
    if (!session) throw new Error('No gateway session: the bot has not identified');
    session.seq += 1;
    const frame: GatewayFrame = { op: 0, t, s: session.seq, d };
    session.buffer.push(frame);
    if (session.buffer.length > 500) session.buffer.shift();
    if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(JSON.stringify(frame));
  }

  #onConnection(socket: WebSocket, req: IncomingMessage): void {
    this.counts.connections += 1;
    this.#sockets.add(socket);
    const url = new URL(req.url ?? '/', 'ws://127.0.0.1');
    this.gatewayQueries.push(Object.fromEntries(url.searchParams));
    socket.on('message', (data: RawData) => this.#onFrame(socket, data));
    socket.on('close', () => {
      this.#sockets.delete(socket);
      for (const session of this.#sessions.values()) if (session.socket === socket) session.socket = null;
      this.#events.emit('change');
    });
    socket.on('error', () => undefined);
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.#heartbeatInterval }, s: null, t: null }));
  }

  #onFrame(socket: WebSocket, data: RawData): void {
    let frame: GatewayFrame;
    try {
      const parsed: unknown = JSON.parse(data.toString());
      if (!isObj(parsed) || typeof parsed.op !== 'number') throw new Error('no op');
      frame = { op: parsed.op, d: parsed.d };
    } catch {
      socket.close(4002, 'Error while decoding payload.');
      return;
    }
    this.frames.push(frame);
    const d = isObj(frame.d) ? frame.d : {};
    switch (frame.op) {
      case 1:
        socket.send(JSON.stringify({ op: 11, d: null }));
        break;
      case 2: {
        if (d.token !== this.token) {
          socket.close(4004, 'Authentication failed.');
          break;
        }
        this.counts.identify += 1;
        const shard = Array.isArray(d.shard) && d.shard.length === 2 ? [Number(d.shard[0]), Number(d.shard[1])] : [0, 1];
        const session: Session = { id: randomBytes(16).toString('hex'), shard: [shard[0] ?? 0, shard[1] ?? 1], seq: 0, buffer: [], socket };
        this.#sessions.set(session.id, session);
        this.#current = session;
        this.#shardCount = session.shard[1];
        this.#shardSessions.set(session.shard[0], session);
        this.#send(session, 'READY', this.#readyPayload(session));
        for (const guild of this.#guildsOf(session)) this.#send(session, 'GUILD_CREATE', this.#guildPayload(guild));
        break;
      }
      case 6: {
        const session = typeof d.session_id === 'string' ? this.#sessions.get(d.session_id) : undefined;
        if (!session || d.token !== this.token) {
          socket.send(JSON.stringify({ op: 9, d: false }));
          break;
        }
        this.counts.resume += 1;
        session.socket = socket;
        this.#current = session;
        this.#shardSessions.set(session.shard[0], session);
        const seq = typeof d.seq === 'number' ? d.seq : 0;
        for (const missed of session.buffer.filter((f) => (f.s ?? 0) > seq)) socket.send(JSON.stringify(missed));
        this.#send(session, 'RESUMED', {});
        break;
      }
      default:
        break;
    }
    this.#events.emit('change');
  }

  /** The guilds whose events a session gets. */
  #guildsOf(session: Session): LoopbackGuild[] {
    return this.guilds.filter((g) => shardOfGuild(g.id, session.shard[1]) === session.shard[0]);
  }

  #readyPayload(session: Session): Obj {
    return {
      v: 10,
      user: { ...this.botUser, verified: true, mfa_enabled: false, flags: 0, email: null },
      guilds: this.#guildsOf(session).map((g) => ({ id: g.id, unavailable: true })),
      private_channels: [],
      relationships: [],
      presences: [],
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.gatewayUrl,
      shard: session.shard,
      application: { id: this.appId, flags: 0 },
    };
  }

  #role(id: string, name: string, permissions: bigint, position: number, botId?: string): Obj {
    return {
      id,
      name,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position,
      permissions: permissions.toString(),
      managed: botId !== undefined,
      mentionable: false,
      flags: 0,
      ...(botId ? { tags: { bot_id: botId } } : {}),
    };
  }

  #channel(id: string, name: string, position: number, guildId: string = this.guildId): Obj {
    return {
      id,
      type: 0,
      guild_id: guildId,
      name,
      position,
      permission_overwrites: [],
      parent_id: null,
      topic: null,
      nsfw: false,
      rate_limit_per_user: 0,
      last_message_id: null,
    };
  }

  #guildPayload(guild: LoopbackGuild): Obj {
    const now = new Date().toISOString();
    const { channels } = guild;
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: this.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 1,
      explicit_content_filter: 0,
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: channels.general,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      preferred_locale: 'en-US',
      nsfw_level: 0,
      max_members: 500_000,
      max_video_channel_users: 25,
      joined_at: now,
      large: false,
      unavailable: false,
      member_count: 3,
      roles: [
        this.#role(guild.id, '@everyone', MEMBER_PERMISSIONS, 0),
        this.#role(snowflake(), 'Moderators', MODERATOR_PERMISSIONS, 1),
        this.#role(guild.botRoleId, this.botUser.global_name, MEMBER_PERMISSIONS, 2, this.botUser.id),
      ],
      emojis: [],
      stickers: [],
      members: [{ user: this.botUser, roles: [], joined_at: now, deaf: false, mute: false, flags: 0, nick: null, avatar: null, premium_since: null, pending: false }],
      channels: [this.#channel(channels.general, 'general', 0, guild.id), this.#channel(channels.offTopic, 'off-topic', 1, guild.id)],
      threads: [
        {
          id: channels.thread,
          type: 11,
          guild_id: guild.id,
          parent_id: channels.general,
          owner_id: this.ownerId,
          name: 'questions',
          last_message_id: null,
          rate_limit_per_user: 0,
          message_count: 0,
          member_count: 1,
          flags: 0,
          thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: now, locked: false },
        },
      ],
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  // -------------------------------------------------------------------------------------------
  // Injecting what members do

  #dmChannel(user: TestUser): string {
    let id = this.#dmChannels.get(user.id);
    if (!id) {
      id = snowflake();
      this.#dmChannels.set(user.id, id);
    }
    return id;
  }

  #member(user: TestUser, moderator: boolean, permissions?: bigint): Obj {
    return {
      user,
      roles: [],
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      nick: null,
      avatar: null,
      premium_since: null,
      pending: false,
      communication_disabled_until: null,
      permissions: (permissions ?? (moderator ? MODERATOR_PERMISSIONS : MEMBER_PERMISSIONS)).toString(),
    };
  }

  #commandId(name: string): string {
    for (const list of this.#commands.values()) {
      const found = list.find((c) => c.name === name);
      if (found && typeof found.id === 'string') return found.id;
    }
    return snowflake();
  }

  /** The guild an actor acts in (the first unless they name another). */
  #guildOf(actor: Actor): LoopbackGuild {
    const guild = actor.guildId ? this.guilds.find((g) => g.id === actor.guildId) : this.guilds[0];
    if (!guild) throw new Error(`No guild ${actor.guildId ?? ''} on this loopback server`);
    return guild;
  }

  #interaction(type: number, data: Obj, actor: Actor, extra: Obj = {}): Injected {
    const user = this.#resolveUser(actor);
    const id = snowflake();
    const token = `aW50ZXJhY3Rpb24${randomBytes(24).toString('base64url')}`;
    const dm = actor.dm ?? false;
    const guild = this.#guildOf(actor);
    const channelId = dm ? this.#dmChannel(user) : (actor.channelId ?? guild.channels.general);
    const injected: Injected = {
      id,
      token,
      user,
      channelId,
      guildId: dm ? null : guild.id,
      callbackPath: `/interactions/${id}/${token}/callback`,
      webhookPath: `/webhooks/${this.appId}/${token}`,
      sentAt: performance.now(),
    };
    const where = dm
      ? { channel: { id: channelId, type: 1, recipients: [user], last_message_id: null, flags: 0 }, user, context: 1 }
      : {
          guild_id: guild.id,
          guild: { id: guild.id, locale: 'en-US', features: [] },
          guild_locale: 'en-US',
          channel: { ...this.#channel(channelId, channelId === guild.channels.offTopic ? 'off-topic' : 'general', 0, guild.id) },
          member: this.#member(user, actor.moderator ?? false, actor.permissions),
          context: 0,
        };
    this.#interactions.set(token, {
      injected,
      acked: false,
      original: null,
      source: isObj(extra.message) ? extra.message : null,
      messages: new Map(),
    });
    this.dispatch('INTERACTION_CREATE', {
      id,
      application_id: this.appId,
      type,
      token,
      version: 1,
      channel_id: channelId,
      app_permissions: MEMBER_PERMISSIONS.toString(),
      locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': dm ? user.id : guild.id },
      attachment_size_limit: 10_485_760,
      data,
      ...where,
      ...extra,
    });
    return injected;
  }

  #options(options: Record<string, string | number | boolean>, focused?: string): Obj[] {
    return Object.entries(options).map(([name, value]) => ({
      name,
      type: typeof value === 'string' ? 3 : typeof value === 'boolean' ? 5 : 10,
      value,
      ...(name === focused ? { focused: true } : {}),
    }));
  }

  /** A member runs a slash command, e.g. `injectCommand('ask', { question: '…', private: true })`. */
  injectCommand(name: string, options: Record<string, string | number | boolean> = {}, actor: Actor = {}): Injected {
    const data = { id: this.#commandId(name), name, type: 1, options: this.#options(options), ...(actor.dm ? {} : { guild_id: this.#guildOf(actor).id }) };
    return this.#interaction(2, data, actor);
  }

  /** A member types in an option with autocomplete: `focused` names the option being typed. */
  injectAutocomplete(name: string, options: Record<string, string | number | boolean>, focused: string, actor: Actor = {}): Injected {
    const data = { id: this.#commandId(name), name, type: 1, options: this.#options(options, focused) };
    return this.#interaction(4, data, actor);
  }

  /** A member presses a button on a message the bot sent (as the server now holds it). */
  injectButton(customId: string, message: Obj, actor: Actor = {}): Injected {
    return this.#interaction(3, { custom_id: customId, component_type: 2 }, actor, { message });
  }

  /**
   * A member posts a message: in a guild channel (mentioning the bot unless `mentionBot` is false; the
   * content should then hold `<@bot id>`; role mentions `<@&id>` in the content are listed too), or in
   * a DM. Returns the message's id and channel.
   */
  injectMessage(content: string, actor: Actor & { mentionBot?: boolean } = {}): { id: string; channelId: string; author: TestUser } {
    const author = this.#resolveUser(actor);
    const dm = actor.dm ?? false;
    const guild = this.#guildOf(actor);
    const channelId = dm ? this.#dmChannel(author) : (actor.channelId ?? guild.channels.general);
    const id = snowflake();
    const mentionsBot = !dm && (actor.mentionBot ?? true);
    this.dispatch('MESSAGE_CREATE', {
      id,
      type: 0,
      channel_id: channelId,
      channel_type: dm ? 1 : channelId === guild.channels.thread ? 11 : 0,
      ...(dm ? {} : { guild_id: guild.id, member: this.#member(author, actor.moderator ?? false, actor.permissions) }),
      author,
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: mentionsBot ? [{ ...this.botUser, member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 } }] : [],
      mention_roles: dm ? [] : [...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1]),
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      flags: 0,
      nonce: snowflake(),
    });
    return { id, channelId, author };
  }

  /** A message the bot sent (by id), as it now stands. */
  message(id: string): Obj | undefined {
    return this.#messages.get(id);
  }

  // -------------------------------------------------------------------------------------------
  // REST

  async #onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname).replace(/^\/api/, '').replace(/^\/v\d+/, '');
    const method = (req.method ?? 'GET').toUpperCase();
    let body: unknown = null;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const record: RecordedRequest = {
      seq: this.requests.length,
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body,
      authorized: req.headers.authorization === `Bot ${this.token}`,
      status: 0,
      response: null,
      fault: false,
      receivedAt: performance.now(),
      answeredAt: 0,
    };

    let reply: Reply;
    const fault = this.#faults.find((f) => f.times > 0 && (f.method === null || f.method === method) && (typeof f.path === 'string' ? f.path === path : f.path.test(path)));
    if (fault) fault.times -= 1;
    if (fault && fault.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.drop) {
      record.fault = true;
      record.answeredAt = performance.now();
      this.requests.push(record);
      res.socket?.destroy();
      this.#events.emit('change');
      return;
    }
    if (fault && fault.status !== null && fault.afterServing) {
      try {
        this.#route(method, path, record);
      } catch {
        /* served as well as it could be: the fault is the answer */
      }
    }
    if (fault && fault.status !== null) {
      record.fault = true;
      reply = this.#faultReply(fault, fault.status);
    } else {
      try {
        reply = this.#route(method, path, record);
      } catch (e) {
        reply = error(500, 0, `loopback error: ${e instanceof Error ? e.message : String(e)}`);
      }
      const token = /^\/(?:interactions|webhooks)\/\d+\/([^/]+)/.exec(path)?.[1];
      if (token !== undefined && this.#expired.has(token)) record.fault = true;
    }
    record.status = reply.status;
    record.response = reply.body ?? null;
    record.answeredAt = performance.now();
    this.requests.push(record);
    const headers: Record<string, string> = { ...(reply.headers ?? {}) };
    if (typeof reply.body === 'string') {
      headers['content-type'] = 'text/html';
      res.writeHead(reply.status, headers);
      res.end(reply.body);
    } else {
      if (reply.body !== undefined) headers['content-type'] = 'application/json';
      res.writeHead(reply.status, headers);
      res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
    }
    this.#events.emit('change');
  }

  #faultReply(fault: Fault, status: number): Reply {
    if (status !== 429) {
      if (fault.html) {
        const title = `${status} ${status === 502 ? 'Bad Gateway' : status === 503 ? 'Service Unavailable' : 'Error'}`;
        return { status, body: `<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>cloudflare</center></body></html>` };
      }
      return error(status, fault.code, fault.message ?? `${status}: loopback fault`);
    }
    const reset = Date.now() / 1000 + fault.retryAfter;
    return {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: fault.retryAfter, global: fault.global, code: fault.global ? 0 : undefined },
      headers: {
        'retry-after': String(Math.ceil(fault.retryAfter)),
        'x-ratelimit-limit': '1',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': reset.toFixed(3),
        'x-ratelimit-reset-after': fault.retryAfter.toFixed(3),
        'x-ratelimit-bucket': 'loopback-fault',
        'x-ratelimit-scope': fault.global ? 'global' : 'user',
        ...(fault.global ? { 'x-ratelimit-global': 'true' } : {}),
      },
    };
  }

  #route(method: string, path: string, r: RecordedRequest): Reply {
    const needAuth = (): Reply | null => (r.authorized ? null : error(401, 0, '401: Unauthorized'));
    let m: RegExpExecArray | null;

    if (method === 'GET' && (path === '/gateway/bot' || path === '/gateway')) {
      if (path === '/gateway') return { status: 200, body: { url: this.gatewayUrl } };
      return (
        needAuth() ?? {
          status: 200,
          body: {
            url: this.gatewayUrl,
            shards: this.#recommendedShards,
            session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: this.#maxConcurrency },
          },
        }
      );
    }
    if (method === 'GET' && path === '/users/@me') return needAuth() ?? { status: 200, body: this.botUser };
    if (method === 'GET' && path === '/applications/@me') {
      return (
        needAuth() ?? {
          status: 200,
          body: { id: this.appId, name: this.botUser.global_name, icon: null, description: '', bot_public: true, bot_require_code_grant: false, verify_key: '0'.repeat(64), flags: 0, bot: this.botUser },
        }
      );
    }
    if ((m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
      const denied = needAuth();
      if (denied) return denied;
      if (m[1] !== this.appId || (m[2] !== undefined && !this.guilds.some((g) => g.id === m?.[2]))) return error(403, 50001, 'Missing Access');
      const key = m[2] ?? 'global';
      if (method === 'GET') return { status: 200, body: this.#commands.get(key) ?? [] };
      if (method === 'PUT') {
        if (!Array.isArray(r.body)) return invalidForm(['body must be an array of commands']);
        const previous = this.#commands.get(key) ?? [];
        const stored = r.body.filter(isObj).map((c) => ({
          ...c,
          id: previous.find((p) => p.name === c.name)?.id ?? snowflake(),
          application_id: this.appId,
          version: snowflake(),
          ...(m?.[2] ? { guild_id: m[2] } : {}),
        }));
        this.#commands.set(key, stored);
        return { status: 200, body: stored };
      }
    }
    if (method === 'POST' && (m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))) {
      return this.#interactionCallback(m[1] ?? '', m[2] ?? '', r);
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/.exec(path))) {
      return this.#webhook(method, m[1] ?? '', m[2] ?? '', m[3] ?? null, r);
    }
    if ((m = /^\/channels\/(\d+)\/(messages|typing)$/.exec(path)) && method === 'POST') {
      const denied = needAuth();
      if (denied) return denied;
      const channelId = m[1] ?? '';
      if (!this.#knownChannel(channelId)) return error(404, 10003, 'Unknown Channel');
      if (m[2] === 'typing') return { status: 204 };
      return this.#channelMessage(channelId, r.body);
    }
    return error(404, 0, '404: Not Found');
  }

  #knownChannel(id: string): boolean {
    return this.#guildIdOf(id) !== null || [...this.#dmChannels.values()].includes(id);
  }

  #guildIdOf(channelId: string): string | null {
    return this.guilds.find((g) => Object.values(g.channels).includes(channelId))?.id ?? null;
  }

  #makeMessage(channelId: string, body: Obj, extra: Obj = {}): Obj {
    const guildId = this.#guildIdOf(channelId);
    const message: Obj = {
      id: snowflake(),
      type: 0,
      channel_id: channelId,
      ...(guildId ? { guild_id: guildId } : {}),
      author: this.botUser,
      content: typeof body.content === 'string' ? body.content : '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: Array.isArray(body.embeds) ? body.embeds : [],
      components: Array.isArray(body.components) ? body.components : [],
      pinned: false,
      flags: typeof body.flags === 'number' ? body.flags : 0,
      ...extra,
    };
    this.#messages.set(String(message.id), message);
    return message;
  }

  #editMessage(message: Obj, body: Obj): Obj {
    for (const key of ['content', 'embeds', 'components'] as const) {
      if (body[key] !== undefined) message[key] = body[key] ?? (key === 'content' ? '' : []);
    }
    message.flags = (typeof message.flags === 'number' ? message.flags : 0) & ~128;
    message.edited_timestamp = new Date().toISOString();
    return message;
  }

  /** Echoes a message the bot posted back over the gateway, as Discord does (the bot must ignore it). */
  #echo(message: Obj): void {
    if (this.#sessionFor(message) && (Number(message.flags) & 64) === 0) {
      const channelId = String(message.channel_id);
      this.dispatch('MESSAGE_CREATE', { ...message, channel_type: this.#guildIdOf(channelId) ? 0 : 1 });
    }
  }

  #channelMessage(channelId: string, body: unknown): Reply {
    if (!isObj(body)) return invalidForm(['body must be an object']);
    const problems = messageLimitProblems(body);
    if (problems.length > 0) return invalidForm(problems);
    const reference = isObj(body.message_reference) ? body.message_reference : null;
    const message = this.#makeMessage(channelId, body, reference ? { type: 19, message_reference: { ...reference, channel_id: channelId } } : {});
    this.#echo(message);
    return { status: 200, body: message };
  }

  #interactionCallback(id: string, token: string, r: RecordedRequest): Reply {
    const state = this.#interactions.get(token);
    if (!state || state.injected.id !== id) return error(404, 10062, 'Unknown interaction');
    if (state.acked) return error(400, 40060, 'Interaction has already been acknowledged.');
    const body = isObj(r.body) ? r.body : {};
    const data = isObj(body.data) ? body.data : {};
    const type = body.type;
    const { channelId } = state.injected;
    switch (type) {
      case 4: {
        const problems = messageLimitProblems(data);
        if (problems.length > 0) return invalidForm(problems);
        state.original = this.#makeMessage(channelId, data, { type: 20, application_id: this.appId, webhook_id: this.appId });
        this.#echo(state.original);
        break;
      }
      case 5:
        state.original = this.#makeMessage(channelId, { content: '', flags: (Number(data.flags ?? 0) & 64) | 128 }, { type: 20, application_id: this.appId, webhook_id: this.appId });
        this.#echo(state.original);
        break;
      case 6:
        state.original = state.source;
        break;
      case 7: {
        const problems = messageLimitProblems(data);
        if (problems.length > 0) return invalidForm(problems);
        if (!state.source) return error(400, 50035, 'Invalid Form Body', { type: 'UPDATE_MESSAGE needs a component interaction' });
        const stored = this.#messages.get(String(state.source.id)) ?? state.source;
        state.original = this.#editMessage(stored, data);
        break;
      }
      case 8: {
        const problems = choiceProblems(data);
        if (problems.length > 0) return invalidForm(problems);
        break;
      }
      default:
        return invalidForm([`unsupported callback type ${String(type)}`]);
    }
    state.acked = true;
    if (r.query.with_response === 'true') {
      return {
        status: 200,
        body: {
          interaction: { id, type: 2, activity_instance_id: null, response_message_id: state.original?.id ?? null, response_message_loading: type === 5, response_message_ephemeral: (Number(state.original?.flags ?? 0) & 64) !== 0 },
          resource: { type, ...(state.original ? { message: state.original } : {}) },
        },
      };
    }
    return { status: 204 };
  }

  #webhook(method: string, appId: string, token: string, messageId: string | null, r: RecordedRequest): Reply {
    const state = this.#interactions.get(token);
    if (appId !== this.appId || !state) return error(404, 10015, 'Unknown Webhook');
    if (messageId === null) {
      if (method !== 'POST') return error(405, 0, '405: Method Not Allowed');
      if (!state.acked) return error(404, 10015, 'Unknown Webhook');
      const body = isObj(r.body) ? r.body : {};
      const problems = messageLimitProblems(body);
      if (problems.length > 0) return invalidForm(problems);
      const message = this.#makeMessage(state.injected.channelId, body, { application_id: this.appId, webhook_id: this.appId });
      state.messages.set(String(message.id), message);
      this.#echo(message);
      return { status: 200, body: message };
    }
    const target = messageId === '@original' ? state.original : (state.messages.get(messageId) ?? null);
    if (!target) return error(404, 10008, 'Unknown Message');
    if (method === 'GET') return { status: 200, body: target };
    if (method === 'DELETE') {
      if (messageId === '@original') state.original = null;
      else state.messages.delete(messageId);
      return { status: 204 };
    }
    if (method === 'PATCH') {
      const body = isObj(r.body) ? r.body : {};
      const problems = messageLimitProblems(body);
      if (problems.length > 0) return invalidForm(problems);
      return { status: 200, body: this.#editMessage(target, body) };
    }
    return error(405, 0, '405: Method Not Allowed');
  }
}
