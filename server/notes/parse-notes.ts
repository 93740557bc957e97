// Turns markdown notes into Q&A sections: every heading that has text of its own (or no sub-headings) is a question.
//
// Which lines are headings: `#` to `####` headings; `#####` and `######` headings only when numbered
// (`##### 3. What is a quorum?`), since unnumbered ones are mostly labels inside an answer ("##### 优点");
// setext headings (a line underlined with `===` or `---`). Not content at all: YAML front matter and HTML comments.
// Nothing inside a fenced code block is a heading; a fence or comment that is never closed is reported and read as
// text, so that it cannot swallow every question after it.

import { createHash } from 'node:crypto';
import type { Section } from './types.js';

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
/** `##1. 问题`: meant as a heading, but markdown needs a space after the #s. */
const ATX_WITHOUT_SPACE = /^ {0,3}#{1,6}[^\s#]/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-{2,})[ \t]*$/;
/** Lines that cannot be part of a setext heading's text: list items, quotes, tables, indented code, HTML. */
const NOT_PARAGRAPH = /^(?:\s*(?:[-*+]|\d{1,9}[.)])\s|\s*>|\s*\||\s{4}|\s*<)/;
const FRONT_MATTER_CLOSE = /^(?:---|\.\.\.)[ \t]*$/;
const YAML_KEY = /^[\p{L}_][\p{L}\p{N}_ -]*:(?:\s|$)/u;
// Emphasis may wrap the number ("**7. …**", "**7.** …"); the same marker closes it at the end or after the number.
const LEADING_NUMBER = /^(\*\*|__|\*|_)?[ \t]*(\d{1,5})[ \t]*[.、．)）][ \t]*(?:\1(?!\1))?[ \t]*/;
const WRAPPED = /^(\*\*|__)(?!\1)(.+?)\1$/;

interface RawHeading {
  level: number;
  text: string;
  /** 0-based index of the heading's first line. */
  line: number;
  /** 0-based index of the heading's last line (the underline of a setext heading). */
  lastLine: number;
}

/** Parses one markdown document. `file` is its path relative to the notes folder. */
export function parseMarkdown(file: string, markdown: string): { sections: Section[]; warnings: string[] } {
  const lines = markdown.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const { headings, content, notes } = scan(lines);
  const warnings = notes.map((n) => `${file}:${n.line + 1}: ${n.message}`);
  if (headings.length === 0) {
    warnings.push(
      `${file}: no headings found, so no questions were taken from it (questions are headings: # to ####, numbered ##### or ######, or a line underlined with === or ---).`,
    );
    return { sections: [], warnings };
  }

  const sections: Section[] = [];
  const seen = new Map<string, number>();
  const stack: RawHeading[] = [];
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i]!;
    const next = headings[i + 1];
    while (stack.length > 0 && stack[stack.length - 1]!.level >= h.level) stack.pop();
    const bodyEnd = next ? next.line : content.length;
    const body = trimBlankLines(content, h.lastLine + 1, bodyEnd);
    const hasChildren = next !== undefined && next.level > h.level;
    // A heading with sub-headings and no text of its own is a chapter title, not a question.
    if (hasChildren && body.text === '') {
      stack.push(h);
      continue;
    }
    const { number, title } = splitNumber(h.text);
    const key = `${file}\n${title.toLowerCase()}`;
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    if (occurrence > 1) warnings.push(`${file}:${h.line + 1}: duplicate heading "${h.text}" (kept as a separate question).`);
    sections.push({
      id: sectionId(key, occurrence),
      number,
      heading: h.text,
      title,
      level: h.level,
      answer: body.text,
      file,
      startLine: h.line + 1,
      endLine: body.text === '' ? h.lastLine + 1 : body.lastLine + 1,
      hasReference: body.text !== '',
      parents: stack.map((p) => p.text),
    });
    stack.push(h);
  }
  return { sections, warnings };
}

/** A heading's leading number and its text without the number (and without emphasis wrapping all of it). */
export function splitNumber(heading: string): { number: number | null; title: string } {
  const match = LEADING_NUMBER.exec(heading);
  if (!match) return { number: null, title: unwrap(heading.trim()) };
  let rest = heading.slice(match[0].length).trim();
  const marker = match[1];
  // "**7. What is X**": emphasis opened before the number and not closed right after it closes at the end.
  if (marker && !match[0].slice(marker.length).includes(marker) && rest.endsWith(marker)) rest = rest.slice(0, -marker.length).trim();
  return { number: Number(match[2]), title: unwrap(rest) };
}

function unwrap(text: string): string {
  const m = WRAPPED.exec(text);
  return m ? m[2]!.trim() : text;
}

interface Note {
  line: number;
  message: string;
}

interface Scanned {
  headings: RawHeading[];
  /** The lines with front matter and HTML comments blanked out (same count, so line numbers still hold). */
  content: string[];
  notes: Note[];
}

/**
 * Finds the headings, reading fences, comments and front matter. A fence or comment still open at the end is
 * reported and its opener read as plain text, then the document is read again.
 */
function scan(lines: string[]): Scanned {
  const ignored = new Set<string>();
  const notes: Note[] = [];
  for (;;) {
    const pass = scanOnce(lines, ignored);
    if (!pass.unclosed) return { ...pass, notes: [...notes, ...pass.notes].sort((a, b) => a.line - b.line) };
    ignored.add(pass.unclosed.key);
    notes.push({ line: pass.unclosed.line, message: pass.unclosed.message });
  }
}

interface Pass extends Scanned {
  unclosed: { key: string; line: number; message: string } | null;
}

function scanOnce(lines: string[], ignored: ReadonlySet<string>): Pass {
  const content = [...lines];
  const headings: RawHeading[] = [];
  const notes: Note[] = [];

  let from = 0;
  const frontMatterEnd = frontMatterLength(lines);
  if (frontMatterEnd > 0) {
    for (let i = 0; i <= frontMatterEnd; i++) content[i] = '';
    from = frontMatterEnd + 1;
  }

  let fence: { marker: string; line: number } | null = null;
  let comment: { line: number; key: string } | null = null;
  // The plain-text lines just above, which a setext underline would turn into a heading.
  let paragraph: { start: number; plain: boolean } | null = null;

  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence) {
      const close = FENCE_CLOSE.exec(line);
      if (close && close[1]![0] === fence.marker[0] && close[1]!.length >= fence.marker.length) fence = null;
      continue;
    }
    if (!comment) {
      const open = FENCE_OPEN.exec(line);
      // A backtick fence's info string cannot hold a backtick (that would be inline code).
      if (open && !(open[1]![0] === '`' && open[2]!.includes('`')) && !ignored.has(`fence:${i}`)) {
        fence = { marker: open[1]!, line: i };
        paragraph = null;
        continue;
      }
    }

    const stripped = stripComments(line, i, comment, ignored);
    comment = stripped.open;
    content[i] = stripped.text;
    const text = stripped.text;
    if (text.trim() === '') {
      // A line that held only a comment does not end a paragraph; a blank line does.
      if (line.trim() === '') paragraph = null;
      continue;
    }

    const atx = ATX.exec(text);
    if (atx) {
      paragraph = null;
      const heading = (atx[2] ?? '').trim();
      const level = atx[1]!.length;
      if (heading === '') notes.push({ line: i, message: 'an empty heading is ignored.' });
      else if (level <= 4 || splitNumber(heading).number !== null) headings.push({ level, text: heading, line: i, lastLine: i });
      // An unnumbered ##### or ###### heading stays in the answer above it as a label.
      continue;
    }
    if (ATX_WITHOUT_SPACE.test(text)) {
      notes.push({ line: i, message: `"${text.trim().slice(0, 40)}" is not read as a heading: put a space after the #s.` });
    }

    const underline = SETEXT_UNDERLINE.exec(text);
    if (underline) {
      if (paragraph?.plain) {
        const heading = content.slice(paragraph.start, i).map((l) => l.trim()).filter(Boolean).join(' ');
        headings.push({ level: underline[1]![0] === '=' ? 1 : 2, text: heading, line: paragraph.start, lastLine: i });
      }
      // Otherwise a thematic break (or a lone ===), which ends any paragraph.
      paragraph = null;
      continue;
    }
    if (paragraph) paragraph.plain &&= !NOT_PARAGRAPH.test(text);
    else paragraph = { start: i, plain: !NOT_PARAGRAPH.test(text) };
  }

  if (fence) {
    return {
      headings,
      content,
      notes,
      unclosed: {
        key: `fence:${fence.line}`,
        line: fence.line,
        message: `this code fence (${fence.marker}) is never closed, so the lines after it are read as notes, not code. Close it with a line of ${fence.marker}.`,
      },
    };
  }
  if (comment) {
    return {
      headings,
      content,
      notes,
      unclosed: { key: comment.key, line: comment.line, message: 'this HTML comment (<!--) is never closed, so the text after it is read as notes. Close it with -->.' },
    };
  }
  return { headings, content, notes, unclosed: null };
}

/**
 * The index of the line closing YAML front matter, or -1. Front matter opens with `---` on the first line and its
 * first entry is a `key:` line; a file that merely starts with a thematic break (`---`, then `## 1. …`) has none.
 */
function frontMatterLength(lines: string[]): number {
  if (lines[0]?.trimEnd() !== '---') return -1;
  const firstEntry = lines.findIndex((l, i) => i > 0 && l.trim() !== '');
  if (firstEntry < 0 || !YAML_KEY.test(lines[firstEntry]!)) return -1;
  return lines.findIndex((l, i) => i > firstEntry && FRONT_MATTER_CLOSE.test(l));
}

/** The line without its HTML comments, and the comment still open at its end (null when none). */
function stripComments(
  line: string,
  index: number,
  open: { line: number; key: string } | null,
  ignored: ReadonlySet<string>,
): { text: string; open: { line: number; key: string } | null } {
  let text = '';
  let at = 0;
  let current = open;
  while (at < line.length) {
    if (current) {
      const end = line.indexOf('-->', at);
      if (end < 0) return { text, open: current };
      current = null;
      at = end + 3;
      continue;
    }
    let start = line.indexOf('<!--', at);
    while (start >= 0 && ignored.has(`comment:${index}:${start}`)) start = line.indexOf('<!--', start + 4);
    if (start < 0) {
      text += line.slice(at);
      break;
    }
    text += line.slice(at, start);
    current = { line: index, key: `comment:${index}:${start}` };
    at = start + 4;
  }
  return { text, open: current };
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
