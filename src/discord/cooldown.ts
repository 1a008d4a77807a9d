/**
 * A per-member cooldown: at most `perMinute` questions in any sliding minute, counted together over
 * slash commands, mentions and DMs. A refusal to a slash command is private, so it is always said; a
 * refusal to a message is public, so it is said once per wait (`notify`), and a member who keeps
 * mentioning the bot is not answered with a stream of refusals.
 */

/** Where a question came from: a slash command (private refusals) or a message (public ones). */
export type Surface = 'interaction' | 'message';

export type CooldownVerdict =
  | { ok: true }
  | { ok: false; /** Milliseconds until the member may ask again. */ retryAfterMs: number; /** True the first time in this wait. */ notify: boolean };

export const COOLDOWN_WINDOW_MS = 60_000;

interface MemberState {
  /** When the member's questions in the last minute were taken, oldest first. */
  times: number[];
  /** Until when a refusal has already been said. */
  notifiedUntil: number;
}

export class Cooldown {
  readonly #perMinute: number;
  readonly #now: () => number;
  readonly #members = new Map<string, MemberState>();

  /**
   * @param perMinute questions allowed per member per minute; 0 means no limit.
   * @param now clock in milliseconds (tests may pass their own).
   */
  constructor(perMinute: number, now: () => number = Date.now) {
    this.#perMinute = perMinute;
    this.#now = now;
  }

  /** Counts a question from a member, or refuses it. A refused question is not counted. */
  take(userId: string, surface: Surface): CooldownVerdict {
    if (this.#perMinute <= 0) return { ok: true };
    const now = this.#now();
    this.#sweep(now);
    const state = this.#members.get(userId) ?? { times: [], notifiedUntil: 0 };
    state.times = state.times.filter((t) => now - t < COOLDOWN_WINDOW_MS);
    this.#members.set(userId, state);
    if (state.times.length < this.#perMinute) {
      state.times.push(now);
      return { ok: true };
    }
    const oldest = state.times[0] ?? now;
    const retryAfterMs = Math.max(0, oldest + COOLDOWN_WINDOW_MS - now);
    if (surface === 'interaction') return { ok: false, retryAfterMs, notify: true };
    const notify = now >= state.notifiedUntil;
    if (notify) state.notifiedUntil = now + retryAfterMs;
    return { ok: false, retryAfterMs, notify };
  }

  /** Forgets members with nothing in the last minute, once the map grows (keeps memory bounded). */
  #sweep(now: number): void {
    if (this.#members.size < 1000) return;
    for (const [id, state] of this.#members) {
      if (state.times.every((t) => now - t >= COOLDOWN_WINDOW_MS) && now >= state.notifiedUntil) this.#members.delete(id);
    }
  }
}

/** "Easy there: you can ask 5 questions a minute. Try again in 42 seconds." */
export function cooldownMessage(perMinute: number, retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const plural = perMinute === 1 ? 'question' : 'questions';
  return `Easy there: you can ask ${perMinute} ${plural} a minute. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
}
