// Caps the length of whitespace-free runs before a WordPiece tokenizer sees them. WordPiece's longest-match search
// is quadratic in a word's length, and a Chinese clause without spaces is one "word" to it: a 2,000-character
// question took 7 s to tokenize (a 10,000-character answer would take minutes). Cutting long runs at word
// boundaries keeps every run short and the tokens the same (a cut falls where a word ends anyway).

import { getJieba } from './tokenize.js';

/** Longest run left whole; the bundled vocabulary's longest piece is far shorter. */
export const MAX_RUN = 64;

export function boundWordLength(text: string, max = MAX_RUN): string {
  return text.replace(new RegExp(`\\S{${max + 1},}`, 'gu'), (run) => {
    const words = /\p{Script=Han}/u.test(run) ? getJieba().cut(run, false) : (run.match(new RegExp(`[^]{1,${max}}`, 'gu')) ?? []);
    const pieces: string[] = [];
    let current = '';
    for (const word of words) {
      if (current.length + word.length > max && current) {
        pieces.push(current);
        current = '';
      }
      // A single "word" longer than the cap (jieba keeps unknown Latin strings whole) is cut by length.
      for (let at = 0; at < word.length; at += max) {
        const part = word.slice(at, at + max);
        if (current.length + part.length > max && current) {
          pieces.push(current);
          current = '';
        }
        current += part;
      }
    }
    if (current) pieces.push(current);
    return pieces.join(' ');
  });
}
