/**
 * Burst load against the loopback Discord, with the real bot and engine: 1,000 `/ask` interactions from
 * 50 members in one burst, the cooldown at its default (5 a minute). Every interaction gets an answer (or
 * the polite "not covered") or the cooldown's private refusal, each member exactly 5 answers; nothing is
 * rejected unhandled; and the bot's memory after GC is back within 10% of its level before the burst.
 * (Speed is measured by bench/burst.ts, not asserted here.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_COOLDOWN_PER_MINUTE } from '../../src/discord/config.js';
import { runBurst } from './burst.js';
import type { BurstOutcome } from './burst.js';
import { realEngine, startHarness } from './harness.js';
import { mentionPolicyProblems, messageLimitProblems } from './limits.js';
import type { Harness } from './harness.js';

const USERS = 50;
const PER_USER = 20;
const EPHEMERAL = 64;

let h: Harness;
const rejections: unknown[] = [];
const onRejection = (reason: unknown): void => void rejections.push(reason);

/**
 * The heap the bot keeps: collects garbage thoroughly (vitest.config.ts gives the workers --expose-gc)
 * until the heap in use stops falling, and returns the lowest reading. On a busy machine (the whole suite
 * at once) work the burst left in flight — a reply still being sent, a socket closing — holds a few MB
 * for a moment after the last answer; that is not memory kept, so it is let settle (up to `settleMs`).
 */
async function heapAfterGc(settleMs = 3_000): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('global.gc is missing: run the tests with --expose-gc (vitest.config.ts sets it)');
  const deadline = Date.now() + settleMs;
  let lowest = Infinity;
  let steady = 0;
  // Three readings in a row that do not fall below the lowest by 1% mean it has settled.
  while (steady < 3 && Date.now() < deadline) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
    gc();
    const used = process.memoryUsage().heapUsed;
    if (used < lowest * 0.99) steady = 0;
    else steady++;
    lowest = Math.min(lowest, used);
  }
  return lowest;
}

function users(prefix: string): string[] {
  return Array.from({ length: USERS }, (_, u) => `${prefix}-${u}`);
}

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  // The cooldown at its default; info logging, as in production (no per-request traces).
  h = await startHarness(await realEngine(), { COOLDOWN_PER_MINUTE: String(DEFAULT_COOLDOWN_PER_MINUTE), LOG_LEVEL: 'info' });
});

afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await h?.stop();
});

/** What each member got: counts by kind. */
function tally(outcomes: readonly BurstOutcome[]): Map<string, Record<BurstOutcome['kind'], number>> {
  const byUser = new Map<string, Record<BurstOutcome['kind'], number>>();
  for (const o of outcomes) {
    const counts = byUser.get(o.user) ?? { answer: 0, abstention: 0, cooldown: 0, other: 0, none: 0 };
    counts[o.kind] += 1;
    byUser.set(o.user, counts);
  }
  return byUser;
}

describe('a burst of 1,000 /ask from 50 members', () => {
  it('answers or politely refuses every one, without an unhandled rejection, and gives its memory back', { timeout: 180_000 }, async () => {
    // A first burst from other members brings caches (recent answers, discord.js's) to their working size.
    await runBurst(h.server, { users: users('warm-up'), perUser: PER_USER });
    h.server.forget();
    h.logs.length = 0;
    const before = await heapAfterGc();

    const outcomes = await runBurst(h.server, { users: users('member'), perUser: PER_USER });
    expect(outcomes).toHaveLength(USERS * PER_USER);

    // Each interaction: exactly one acknowledgement, and a final response the member sees.
    for (const o of outcomes) {
      expect(o.kind, `${o.user} asking "${o.question}"`).not.toMatch(/^(none|other)$/);
      const callbacks = h.server.requests.filter((r) => r.path === o.interaction.callbackPath && r.status < 300);
      expect(callbacks).toHaveLength(1);
      if (o.kind === 'cooldown') {
        const data = (o.final?.body as { data?: { content?: string; flags?: number } }).data;
        expect(data?.content).toMatch(/^Easy there: you can ask 5 questions a minute\. Try again in \d+ seconds?\.$/);
        expect((data?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
      }
    }
    // Each member got exactly their 5 questions answered (or said not covered), and the rest refused.
    for (const [user, counts] of tally(outcomes)) {
      expect(counts.answer + counts.abstention, user).toBe(DEFAULT_COOLDOWN_PER_MINUTE);
      expect(counts.cooldown, user).toBe(PER_USER - DEFAULT_COOLDOWN_PER_MINUTE);
    }
    expect(outcomes.some((o) => o.kind === 'answer')).toBe(true);
    expect(outcomes.some((o) => o.kind === 'abstention')).toBe(true);

    expect(rejections).toEqual([]);
    expect(h.logs.filter((l) => l.startsWith('error'))).toEqual([]);
    const stats = h.bot.context.stats.snapshot();
    expect(stats.errors).toBe(0);
    expect(stats.cooledDown).toBe(2 * USERS * (PER_USER - DEFAULT_COOLDOWN_PER_MINUTE));
    // Within Discord's limits and pinging no one. Nothing refused, except (on a starved machine) a
    // callback discord.js retried after its 15 s timeout though the first attempt had gone through.
    const refused = h.server.requests.filter((r) => r.status >= 400);
    for (const r of refused) {
      expect(`${r.method} ${r.path} → ${r.status} ${JSON.stringify(r.response)}`).toMatch(/^POST \/interactions\/.* → 400 \{"code":40060,/);
      expect(h.server.requests.some((x) => x.path === r.path && x.status < 300 && x.seq < r.seq)).toBe(true);
    }
    for (const { request, message } of h.server.messageRequests()) {
      expect(messageLimitProblems(message), request.path).toEqual([]);
      expect(mentionPolicyProblems(message), request.path).toEqual([]);
    }

    // Memory: what the loopback recorded is the test's, not the bot's; forget it, then collect.
    outcomes.length = 0;
    h.server.forget();
    h.logs.length = 0;
    const after = await heapAfterGc();
    expect(after, `heap ${(before / 1048576).toFixed(1)} MB before the burst, ${(after / 1048576).toFixed(1)} MB after`).toBeLessThanOrEqual(before * 1.1);
  });
});
