import { describe, expect, it } from 'vitest';
import { classifyLines, wordsUpTo } from '../../src/corpus/furniture.js';

/** The definition the rules are written against: runs of non-space that hold a letter or digit. */
function wordsByDefinition(s: string): number {
  return [...s.matchAll(/\S+/g)].filter((m) => /[\p{L}\p{N}]/u.test(m[0])).length;
}

describe('counting a line\'s words', () => {
  it('agrees with the definition whatever the spaces and scripts, up to its cap', () => {
    // Every kind of white space JavaScript's \s knows, letters and digits of several scripts (one beyond
    // the 16-bit range), and marks, symbols and punctuation that are not words on their own.
    const pieces = [
      'a', 'Z', '7', 'é', 'Ж', '中', '٣', '\u{1D400}', '\u0301', '😀', '.', '»', '—', '(', '-',
      ' ', '\t', '\n', '\v', '\f', '\r', '\u00a0', '\u1680', '\u2003', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff',
    ];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 2000; round++) {
      let s = '';
      const length = Math.floor(next() * 40);
      for (let i = 0; i < length; i++) s += pieces[Math.floor(next() * pieces.length)];
      const words = wordsByDefinition(s);
      for (const cap of [0, 4, 8, 20]) expect(wordsUpTo(s, cap), JSON.stringify(s)).toBe(Math.min(words, cap + 1));
    }
  });
});

describe('page furniture in any letter case', () => {
  // The rules look for cheap signs (a substring, four digits) before their expressions; the expressions
  // ignore case, so the signs must too.
  const cases: Array<[string, string, number?]> = [
    ['ALL RIGHTS RESERVED. Copyright Example Media 2020', 'publisher-footer'],
    ['MONDAY 3 FEBRUARY 2020', 'dateline'],
    ['Updated:\u00a0Saturday', 'dateline'],
    ['Share\u00a0:', 'ui-label'],
    ['By\u00a0Jane\u2003Doe', 'byline'],
    ['Troops massed near the town on Friday, officials said. CREDIT: Reuters', 'text', 54],
    ['Rebels shelled the base at dawn, the monitor said. PHOTO: AP', 'text', 50],
    ['The convoy moved north before dawn, a reporter on the road said. [ANADOLU/Getty]   ', 'text', 64],
    ['The talks in Moscow ended without a deal, both sides said on Monday. Open in Fullscreen', 'text', 68],
  ];
  it.each(cases)('%j is %s', (line, rule, keep) => {
    const [verdict] = classifyLines([line], null);
    expect(verdict?.rule).toBe(rule);
    if (keep !== undefined) expect(verdict?.keep).toBe(keep);
  });
});
