// Canonical text form for matching: invisible characters dropped, full-width → half-width, traditional Chinese →
// simplified, lowercase, English spelling variants joined.

import { Converter } from 'opencc-js/t2cn';

// Unicode's default-ignorable code points: zero-width space / non-joiner / joiner (U+200B–U+200D), word joiner
// (U+2060), BOM (U+FEFF), soft hyphen (U+00AD), direction marks, variation selectors … They render as nothing,
// yet left in they split a word (空\u200b洞卷积 would no longer hold 空洞卷积) and make an invisible query look
// non-empty. Text pasted from web pages and chat apps carries them.
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

// OpenCC's standard traditional → simplified table ("t" → "cn"), not its Taiwan or Hong Kong ones: those also
// rewrite words that simplified text uses as they are (twp turns 向量 into 矢量 and 序列 into 串行, tw 显著 into
// 显着), while this one leaves every simplified text of the bundled notes, glossary and test sets unchanged.
let toSimplified: ((text: string) => string) | undefined;

/**
 * Invisible characters removed, NFKC (full-width letters, digits and punctuation become ASCII), traditional
 * Chinese made simplified (優點 → 优点, so a question typed in either script meets the notes and the glossary),
 * lowercase, and English spelling variants made equal: `YOLO v1` → `yolov1`, `max-pooling` / `max pooling` →
 * `maxpooling` stay distinct from Chinese. Simplified Chinese passes through unchanged.
 */
export function normalizeText(text: string): string {
  let out = text.replace(INVISIBLE, '').normalize('NFKC');
  // The converter walks its dictionary at every character; text without Han characters has nothing to convert.
  if (/\p{Script=Han}/u.test(out)) {
    out = (toSimplified ??= Converter({ from: 't', to: 'cn' }))(out);
  }
  return out
    .toLowerCase()
    .replace(/[‐-―]/g, '-')
    .replace(/\b([a-z]+)\s*-?\s*v(\d+)\b/g, '$1v$2') // yolo v3 / yolo-v3 → yolov3
    .replace(/\s+/g, ' ')
    .trim();
}

/** Fraction of letters that are Han characters, in [0, 1]. */
export function cjkRatio(text: string): number {
  let han = 0;
  let letters = 0;
  for (const ch of text) {
    if (/\p{Script=Han}/u.test(ch)) {
      han++;
      letters++;
    } else if (/[a-zA-Z]/.test(ch)) letters += 0.2; // an English word of ~5 letters weighs like one Han character
  }
  return letters === 0 ? 0 : han / letters;
}
