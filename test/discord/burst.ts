/**
 * A burst of `/ask` interactions against the loopback Discord, and what became of each: shared by the
 * burst test (test/discord/burst.test.ts) and the benchmark (bench/burst.ts). No vitest here.
 */
import type { Injected, LoopbackDiscord, Obj, RecordedRequest } from './loopback.js';

/** Questions a burst asks, in turn (written for the burst; some answered, some not covered). */
export const BURST_QUESTIONS: readonly string[] = [
  'How many Turkish soldiers have been killed in Idlib?',
  'How many people have been displaced by the offensive on Idlib?',
  'What did Erdogan tell Trump?',
  'Is there a ceasefire in Idlib?',
  'Who won the 1998 football world cup?',
  'what happened to the observation posts',
  'did russia say turkey failed its commitments',
  'how much snow fell in Aleppo?',
];

/** What became of one interaction. */
export interface BurstOutcome {
  user: string;
  question: string;
  interaction: Injected;
  /** An answer with quotes, an abstention, the cooldown's refusal, or nothing (yet). */
  kind: 'answer' | 'abstention' | 'cooldown' | 'other' | 'none';
  /** The acknowledgement (the first successful callback). */
  ack: RecordedRequest | null;
  /** The response the member finally sees: the callback with the message, or the edit of the deferred reply. */
  final: RecordedRequest | null;
}

export interface BurstOptions {
  /** Names of the members asking (one user each). */
  users: readonly string[];
  /** Questions each member asks. */
  perUser: number;
  questions?: readonly string[];
  /** Give up waiting after this long (ms). */
  timeoutMs?: number;
}

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every member asks in turn, round after round, all at once; resolves when each has its final response. */
export async function runBurst(server: LoopbackDiscord, options: BurstOptions): Promise<BurstOutcome[]> {
  const questions = options.questions ?? BURST_QUESTIONS;
  const from = server.requests.length;
  const outcomes: BurstOutcome[] = [];
  const byToken = new Map<string, BurstOutcome>();
  for (let round = 0; round < options.perUser; round++) {
    options.users.forEach((user, u) => {
      const question = questions[(round + u) % questions.length] ?? 'How many people have been displaced?';
      const interaction = server.injectCommand('ask', { question }, { user });
      const outcome: BurstOutcome = { user, question, interaction, kind: 'none', ack: null, final: null };
      outcomes.push(outcome);
      byToken.set(interaction.token, outcome);
    });
  }
  let scanned = from;
  let finished = 0;
  const scan = (): true | undefined => {
    for (; scanned < server.requests.length; scanned++) {
      const r = server.requests[scanned];
      if (!r || r.status >= 300) continue;
      const token = /^\/(?:interactions\/\d+|webhooks\/\d+)\/([^/]+)/.exec(r.path)?.[1];
      const outcome = token ? byToken.get(token) : undefined;
      if (!outcome) continue;
      const body = isObj(r.body) ? r.body : {};
      if (r.method === 'POST' && r.path === outcome.interaction.callbackPath && !outcome.ack) {
        outcome.ack = r;
        if (body.type === 4) {
          const data = isObj(body.data) ? body.data : {};
          outcome.kind = typeof data.content === 'string' && data.content.startsWith('Easy there:') ? 'cooldown' : 'other';
          outcome.final = r;
          finished += 1;
        }
      } else if (r.method === 'PATCH' && r.path === `${outcome.interaction.webhookPath}/messages/@original` && !outcome.final) {
        const embed = Array.isArray(body.embeds) && isObj(body.embeds[0]) ? body.embeds[0] : {};
        const description = typeof embed.description === 'string' ? embed.description : '';
        outcome.kind = description.startsWith('> ') ? 'answer' : isObj(embed.footer) && embed.footer.text === 'Not covered by the articles' ? 'abstention' : 'other';
        outcome.final = r;
        finished += 1;
      }
    }
    return finished === outcomes.length ? true : undefined;
  };
  await server.until(scan, `final responses to all ${outcomes.length} interactions`, options.timeoutMs ?? 120_000);
  return outcomes;
}

/** Nearest-rank percentile (0 when empty). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1] ?? 0;
}
