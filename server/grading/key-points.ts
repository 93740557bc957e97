// Derives a section's key points (list items, sentences, bolded statements) with weights and exact note excerpts.

import { splitSentences, type TextUnit } from '../notes/split-sentences.js';
import type { Section } from '../notes/types.js';
import type { NoteSource } from './types.js';

export type KeyPointKind = 'list-item' | 'sentence' | 'bold';

/** One thing a good answer to the section's question should say. */
export interface KeyPoint {
  /** `<sectionId>:<n>`, n counting the section's units in note order. */
  id: string;
  sectionId: string;
  /** The excerpt exactly as written in the notes (list marker removed). */
  text: string;
  /** `text` without markdown emphasis, for matching and display. */
  plain: string;
  kind: KeyPointKind;
  /** Terms the notes put in bold inside this excerpt (e.g. `Epoch`, `max pooling`). */
  boldTerms: string[];
  /** Share of the section's grade; the weights of one section sum to 1. */
  weight: number;
  source: NoteSource;
}

export interface KeyPointOptions {
  /** At most this many key points per section: a spoken answer covers a handful of ideas, not every detail. */
  maxPoints: number;
  /** Units shorter than this (in characters, markup removed) are titles or fragments, not key points. */
  minChars: number;
}

// Ten covers every short and medium section of the bundled notes whole; the long algorithm write-ups
// (RCNN, YOLOv5: 30–50 units) are cut to their most salient statements.
export const DEFAULT_KEY_POINTS: KeyPointOptions = { maxPoints: 10, minChars: 4 };

const LIST_MARKER = /^\s*(?:[-*+]\s+|\d{1,3}\s*[.)、>]+\s*|\d{1,3}\)\.\s*)+/;
const EXAMPLE = /^(?:\*\*)?\s*(?:例如|比如|举个例子|举例|假设|如|e\.g\.|for example)/i;
const BOLD = /\*\*([^*]+)\*\*/g;

/** Key points of one section, in note order; empty when the notes have no answer. */
export function extractKeyPoints(section: Section, options: KeyPointOptions = DEFAULT_KEY_POINTS): KeyPoint[] {
  if (!section.hasReference) return [];
  const lines = section.answer.split(/\r\n|\r|\n/);
  const firstLine = section.endLine - (lines.length - 1);
  const candidates: Candidate[] = [];
  // The first statement of the section, of each top-level list item and after each bold sub-title leads
  // a sub-topic; they are kept before any elaborating sentence so a long note keeps all its sub-topics.
  let lead = true;
  splitSentences(section.answer).forEach((unit, n) => {
    const rawLine = lines[unit.line] ?? '';
    if (isTitle(unit.text, rawLine)) {
      lead = true;
      return;
    }
    const topLevelItem = unit.listItem && !isNested(rawLine);
    for (const piece of splitIdeas(unit.text)) {
      const c = candidate(section, unit, piece, candidates.length, n, rawLine, firstLine, lead || topLevelItem);
      if (c && c.plain.length >= options.minChars) candidates.push(c);
      lead = false;
    }
  });
  if (candidates.length === 0) return [];

  const kept = [...candidates]
    .sort((a, b) => Number(b.lead) - Number(a.lead) || b.salience - a.salience || a.order - b.order)
    .slice(0, options.maxPoints)
    .sort((a, b) => a.order - b.order);
  const total = kept.reduce((sum, c) => sum + c.salience, 0);
  return kept.map(({ salience, order: _order, lead: _lead, ...point }) => ({ ...point, weight: salience / total }));
}

/** A bold span cut in two by a sentence end leaves a lone `**` at one end; dropping it keeps the excerpt exact. */
function balanceBold(text: string): string {
  if ((text.match(/\*\*/g) ?? []).length % 2 === 0) return text;
  if (text.startsWith('**')) return text.slice(2).trim();
  if (text.endsWith('**')) return text.slice(0, -2).trim();
  return text;
}

/**
 * A line that is only a bold title ("**RCNN**") or a short label ("- 步骤:") heads the units below it. A list
 * item that is all bold ("- **模型蒸馏**") is an item of the list, not a title.
 */
function isTitle(text: string, rawLine: string): boolean {
  const t = text.replace(LIST_MARKER, '').trim();
  const boldOnly = /^\*\*[^*]+\*\*\s*[:：]?$/.test(t);
  if (boldOnly && LIST_MARKER.test(rawLine) && !/[:：]\s*(?:\*\*)?\s*$/.test(t)) return false;
  return boldOnly || /^[^，,。]{0,20}[:：]$/.test(t.replace(/\*\*/g, ''));
}

function isNested(rawLine: string): boolean {
  return /^\s{2,}/.test(rawLine) || /^\s*-\s+\d/.test(rawLine);
}

// Connectives that start a second, separate idea inside one sentence ("…增大感受野，同时…保持不变").
const IDEA_BREAK = /(?<=[，,])(?=\s*(?:同时|并且|而且|此外|另外|另一方面))/;

/** Splits a sentence at connectives that begin another idea, when both halves are substantial. */
function splitIdeas(text: string): string[] {
  const parts = text.split(IDEA_BREAK);
  const out: string[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (last !== undefined && (last.length < 12 || part.trim().length < 12)) out[out.length - 1] = last + part;
    else out.push(part);
  }
  return out.map((p) => p.trim().replace(/[，,]$/, ''));
}

interface Candidate extends Omit<KeyPoint, 'weight'> {
  salience: number;
  order: number;
  lead: boolean;
}

function candidate(
  section: Section,
  unit: TextUnit,
  piece: string,
  order: number,
  n: number,
  rawLine: string,
  firstLine: number,
  lead: boolean,
): Candidate | null {
  const text = balanceBold(piece.replace(LIST_MARKER, '').trim());
  const plain = text.replace(/\*\*/g, '').replace(/^[:：\s]+/, '').trim();
  if (plain === '') return null;
  const boldTerms = [...text.matchAll(BOLD)].map((m) => m[1]!.replace(/[:：\s]+$/, '').trim()).filter((t) => t.length > 0);
  const wholeBold = /^\*\*[^*]+\*\*[。.]?$/.test(text);
  const nested = isNested(rawLine);
  const kind: KeyPointKind = wholeBold ? 'bold' : unit.listItem ? 'list-item' : 'sentence';

  // Why these factors: a bold headline states the section's thesis; nested items and examples elaborate
  // a point already made; a longer statement usually carries more than one idea (square root: not linearly more).
  let salience = lead ? 1.5 : 1;
  if (wholeBold) salience *= 1.5;
  if (nested) salience *= 0.6;
  if (EXAMPLE.test(plain)) salience *= 0.6;
  salience *= Math.min(1.3, Math.max(0.7, Math.sqrt(plain.length / 40)));
  // Earlier statements in a note are its main points; later ones tend to be asides.
  salience *= 1 / (1 + 0.03 * n);

  const line = firstLine + unit.line;
  return {
    id: `${section.id}:${n}`,
    sectionId: section.id,
    text,
    plain,
    kind,
    boldTerms,
    salience,
    order,
    lead,
    source: { questionId: section.id, heading: section.heading, file: section.file, startLine: line, endLine: line },
  };
}
