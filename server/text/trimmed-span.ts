// A piece of a string without its surrounding whitespace, still pointing at where it sits in the whole.

/** `start`/`end` are UTF-16 offsets into the original string (end exclusive); `text` is `original.slice(start, end)`. */
export interface TextSpan {
  text: string;
  start: number;
  end: number;
}

/** `source.slice(start, end)` trimmed, with offsets moved past the whitespace; null when nothing but whitespace is left. */
export function trimmedSpan(source: string, start: number, end: number): TextSpan | null {
  const raw = source.slice(start, end);
  const text = raw.trim();
  if (!text) return null;
  const from = start + raw.length - raw.trimStart().length;
  return { text, start: from, end: from + text.length };
}
