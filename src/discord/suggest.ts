/** Autocomplete for `/ask`: example questions from the topics that match what is typed. */
import type { TopicInfo } from '../answer/types.js';
import { LIMITS, presentable } from '../render/discord.js';

/** How many suggestions to offer (Discord shows at most 25). */
export const SUGGESTIONS = 10;

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Example questions matching the typed text: each typed word found in an example (as a word, or as
 * the start of one for the word being typed) counts; the best matches first. With nothing typed, a
 * presentable example from each topic in turn.
 */
export function suggestQuestions(topics: readonly TopicInfo[], typed: string, limit = SUGGESTIONS): string[] {
  const max = Math.min(limit, LIMITS.choices);
  const seen = new Set<string>();
  const examples: { text: string; topic: number; order: number }[] = [];
  topics.forEach((topic, t) => {
    topic.examples.forEach((raw, order) => {
      const text = raw.trim();
      if (!text || text.length > LIMITS.choiceValue || seen.has(text.toLowerCase())) return;
      seen.add(text.toLowerCase());
      examples.push({ text, topic: t, order });
    });
  });

  const typedWords = words(typed);
  if (typedWords.length === 0) {
    const rounds = examples
      .filter((e) => presentable(e.text))
      .sort((a, b) => a.order - b.order || a.topic - b.topic);
    return rounds.slice(0, max).map((e) => e.text);
  }

  const last = typed.trimEnd().length === typed.length ? typedWords[typedWords.length - 1] : undefined;
  const scored = examples.map((e) => {
    const exampleWords = words(e.text);
    let score = 0;
    for (const w of typedWords) {
      if (exampleWords.includes(w)) score += 2;
      else if (w === last && exampleWords.some((x) => x.startsWith(w))) score += 1;
    }
    if (e.text.toLowerCase().includes(typed.trim().toLowerCase())) score += 3;
    return { ...e, score: score + (presentable(e.text) ? 0.5 : 0) };
  });
  return scored
    .filter((e) => e.score >= 1)
    .sort((a, b) => b.score - a.score || a.text.length - b.text.length)
    .slice(0, max)
    .map((e) => e.text);
}
