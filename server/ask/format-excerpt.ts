// Rebuilds markdown from the chosen units of one section: whole lines stay as written, cut lines keep their list
// marker and show what was left out as "…".

import type { SectionUnits } from './section-units.js';

const LIST_MARKER = /^(\s*)((?:[-*+]|\d{1,3}[.)、>]+)\s+)?/;

export interface FormattedExcerpt {
  markdown: string;
  /** Markdown lines, each with the file line it came from. */
  lines: { text: string; fileLine: number; labelOnly: boolean }[];
}

/**
 * `chosen` are unit indexes of `section`; they are output in the notes' order whatever order they come in.
 * A unit longer than `clip` characters is cut at a clause boundary and ends in "…".
 */
export function formatExcerpt(section: SectionUnits, chosen: Iterable<number>, clip = Infinity): FormattedExcerpt {
  const picked = new Set(chosen);
  const byLine = new Map<number, number[]>();
  for (const unit of section.units) {
    const list = byLine.get(unit.answerLine) ?? [];
    list.push(unit.index);
    byLine.set(unit.answerLine, list);
  }
  const out: FormattedExcerpt['lines'] = [];
  for (const [answerLine, indexes] of [...byLine].sort((a, b) => a[0] - b[0])) {
    const keep = indexes.filter((i) => picked.has(i));
    if (keep.length === 0) continue;
    const raw = section.lines[answerLine]!.trimEnd();
    const units = keep.map((i) => section.units[i]!);
    const labelOnly = units.length === 1 && units[0]!.labelLine;
    const clipped = units.some((u) => u.text.length > clip);
    if (keep.length === indexes.length && !clipped) {
      out.push({ text: raw, fileLine: units[0]!.fileLine, labelOnly });
      continue;
    }
    const [, indent = '', marker = ''] = LIST_MARKER.exec(raw) ?? [];
    let text = keep[0] === indexes[0] ? indent : `${indent}${marker}…`;
    keep.forEach((index, k) => {
      const unit = section.units[index]!;
      if (k > 0) text += keep[k - 1] === index - 1 ? joiner(text) : '…';
      text += clipText(unit.text, clip); // only a line's first unit carries the list marker
    });
    if (keep[keep.length - 1] !== indexes[indexes.length - 1]) text += '…';
    out.push({ text: balanceBold(text), fileLine: units[0]!.fileLine, labelOnly });
  }
  if (out.length === 0) return { markdown: '', lines: [] };
  const indent = Math.min(...out.map((l) => /^\s*/.exec(l.text)![0].length));
  // Nested items lifted out of their parent would render as a code block if they kept a 4-space indent.
  const lines = out.map((l) => ({ ...l, text: l.text.slice(indent) }));
  return { markdown: lines.map((l) => l.text).join('\n'), lines };
}

function clipText(text: string, clip: number): string {
  if (text.length <= clip) return text;
  const head = text.slice(0, Math.max(1, clip - 1));
  // Cut after the last clause mark in the second half, so the excerpt ends on a whole phrase when it can.
  const at = Math.max(...['，', ',', '、', '；', ';', '：', ':', ' '].map((m) => head.lastIndexOf(m)));
  return `${at >= clip / 2 ? head.slice(0, at + 1) : head}…`;
}

/** Units cut from one line rejoin as written: no space between Chinese sentences, one after Latin punctuation. */
function joiner(textSoFar: string): string {
  return /[.?!;:]["')]*$/.test(textSoFar) ? ' ' : '';
}

/** A cut can leave a `**` without its partner, which would embolden the rest of the answer: drop the markers. */
function balanceBold(text: string): string {
  return (text.match(/\*\*/g)?.length ?? 0) % 2 === 1 ? text.replaceAll('**', '') : text;
}
