// Cuts each section's answer into overlapping chunks on sentence and list-item boundaries for retrieval.

import { splitSentences, type TextUnit } from './split-sentences.js';
import type { Chunk, Section } from './types.js';

export interface ChunkOptions {
  /** Sections whose answer is at most this many characters stay whole. */
  maxChars: number;
  /** Characters a chunk aims for before it is closed at the next boundary. */
  targetChars: number;
  /** The last unit of a chunk is repeated at the start of the next when it is at most this long. */
  overlapChars: number;
}

// ~350 characters keeps one idea per chunk in these notes (a list item or two) while long answers
// (up to ~3,000 characters) still split into a handful of chunks.
export const DEFAULT_CHUNKING: ChunkOptions = { maxChars: 500, targetChars: 350, overlapChars: 120 };

export function chunkSection(section: Section, options: ChunkOptions = DEFAULT_CHUNKING): Chunk[] {
  const answerStart = section.startLine + 1;
  if (!section.hasReference || section.answer.length <= options.maxChars) {
    return [makeChunk(section, 0, section.answer, section.hasReference ? firstLine(section) : section.startLine, section.endLine)];
  }
  const units = splitSentences(section.answer).flatMap((u) => splitOversized(u, options.maxChars));
  const lineOffset = firstLine(section) - answerStart; // answer may start after blank lines
  const chunks: Chunk[] = [];
  let current: TextUnit[] = [];
  let size = 0;
  const flush = () => {
    if (current.length === 0) return;
    const text = joinUnits(current);
    chunks.push(
      makeChunk(section, chunks.length, text, answerStart + lineOffset + current[0]!.line, answerStart + lineOffset + current[current.length - 1]!.line),
    );
  };
  for (const unit of units) {
    if (size > 0 && size + unit.text.length > options.targetChars) {
      flush();
      const last = current[current.length - 1]!;
      current = last.text.length <= options.overlapChars ? [last] : [];
      size = current.reduce((n, u) => n + u.text.length, 0);
    }
    current.push(unit);
    size += unit.text.length;
  }
  flush();
  return chunks;
}

export function chunkSections(sections: Section[], options: ChunkOptions = DEFAULT_CHUNKING): Chunk[] {
  return sections.flatMap((s) => chunkSection(s, options));
}

function makeChunk(section: Section, ordinal: number, text: string, startLine: number, endLine: number): Chunk {
  return {
    id: `${section.id}#${ordinal}`,
    sectionId: section.id,
    ordinal,
    text,
    indexText: text ? `${section.title}\n${text}` : section.title,
    startLine,
    endLine,
  };
}

/** The answer text is trimmed, so its first line is the first non-blank line after the heading. */
function firstLine(section: Section): number {
  return section.endLine - (section.answer.split('\n').length - 1);
}

/** Units from one source line are rejoined as they were written (a space only after Latin punctuation); lines keep their breaks. */
function joinUnits(units: TextUnit[]): string {
  let out = '';
  units.forEach((u, i) => {
    if (i > 0) out += u.line !== units[i - 1]!.line ? '\n' : /[.?!;]["')]*$/.test(out) ? ' ' : '';
    out += u.text;
  });
  return out;
}

/** A unit with no sentence end that is still too long is cut at commas, never inside a word. */
function splitOversized(unit: TextUnit, maxChars: number): TextUnit[] {
  if (unit.text.length <= maxChars) return [unit];
  const parts = unit.text.split(/(?<=[，,、：:])/);
  const out: TextUnit[] = [];
  let buf = '';
  for (const p of parts) {
    if (buf && buf.length + p.length > maxChars) {
      out.push({ ...unit, text: buf, listItem: out.length === 0 && unit.listItem });
      buf = '';
    }
    buf += p;
  }
  if (buf) out.push({ ...unit, text: buf, listItem: out.length === 0 && unit.listItem });
  return out;
}
