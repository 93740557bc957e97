// Turns markdown notes into Q&A sections: every heading that has text of its own (or no sub-headings) is a question.

import { createHash } from 'node:crypto';
import type { Section } from './types.js';

const HEADING = /^(#{1,4})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const FENCE = /^[ \t]{0,3}(```|~~~)/;
const LEADING_NUMBER = /^(\d{1,5})\s*[.、．)）]\s*/;

interface RawHeading {
  level: number;
  text: string;
  line: number; // 0-based index into lines
}

/** Parses one markdown document. `file` is its path relative to the notes folder. */
export function parseMarkdown(file: string, markdown: string): { sections: Section[]; warnings: string[] } {
  const lines = markdown.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const headings = findHeadings(lines);
  const warnings: string[] = [];
  if (headings.length === 0) {
    warnings.push(`${file}: no headings found, so no questions were taken from it (questions are lines starting with # to ####).`);
    return { sections: [], warnings };
  }

  const sections: Section[] = [];
  const seen = new Map<string, number>();
  const stack: RawHeading[] = [];
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i]!;
    const next = headings[i + 1];
    while (stack.length > 0 && stack[stack.length - 1]!.level >= h.level) stack.pop();
    const bodyEnd = next ? next.line : lines.length;
    const body = trimBlankLines(lines, h.line + 1, bodyEnd);
    const hasChildren = next !== undefined && next.level > h.level;
    // A heading with sub-headings and no text of its own is a chapter title, not a question.
    if (hasChildren && body.text === '') {
      stack.push(h);
      continue;
    }
    const match = LEADING_NUMBER.exec(h.text);
    const title = (match ? h.text.slice(match[0].length) : h.text).trim();
    const key = `${file}\n${title.toLowerCase()}`;
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    if (occurrence > 1) warnings.push(`${file}:${h.line + 1}: duplicate heading "${h.text}" (kept as a separate question).`);
    sections.push({
      id: sectionId(key, occurrence),
      number: match ? Number(match[1]) : null,
      heading: h.text,
      title,
      level: h.level,
      answer: body.text,
      file,
      startLine: h.line + 1,
      endLine: body.text === '' ? h.line + 1 : body.lastLine + 1,
      hasReference: body.text !== '',
      parents: stack.map((p) => p.text),
    });
    stack.push(h);
  }
  return { sections, warnings };
}

function findHeadings(lines: string[]): RawHeading[] {
  const out: RawHeading[] = [];
  let fence: string | null = null;
  lines.forEach((line, index) => {
    const f = FENCE.exec(line);
    if (f) {
      if (fence === null) fence = f[1]!;
      else if (f[1] === fence) fence = null;
      return;
    }
    if (fence !== null) return;
    const m = HEADING.exec(line);
    if (m && m[2]!.trim() !== '') out.push({ level: m[1]!.length, text: m[2]!.trim(), line: index });
  });
  return out;
}

function trimBlankLines(lines: string[], from: number, to: number): { text: string; lastLine: number } {
  let start = from;
  let end = to - 1;
  while (start <= end && lines[start]!.trim() === '') start++;
  while (end >= start && lines[end]!.trim() === '') end--;
  return { text: start > end ? '' : lines.slice(start, end + 1).join('\n'), lastLine: end };
}

function sectionId(key: string, occurrence: number): string {
  const hash = createHash('sha1').update(key).digest('hex').slice(0, 12);
  return occurrence > 1 ? `q_${hash}_${occurrence}` : `q_${hash}`;
}
