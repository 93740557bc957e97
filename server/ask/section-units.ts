// A section's answer as sentence and list-item units with their file lines and lead-in labels ("**dropout的缺点**:").

import type { Section } from '../notes/types.js';
import { splitSentences } from '../notes/split-sentences.js';
import { normalizeText } from '../text/normalize.js';

export interface AnswerUnit {
  /** Position among the section's units. */
  index: number;
  /** The unit as written (markdown, list marker included for the first unit of a list item). */
  text: string;
  /** `text` normalised for matching. */
  norm: string;
  /** 0-based line within the answer. */
  answerLine: number;
  /** 1-based line in the notes file. */
  fileLine: number;
  /** True for the first unit of a list item or bold lead-in line. */
  listItem: boolean;
  /** The unit's own lead-in label, normalised: `**dropout的缺点**: …` → `dropout的缺点`, `作用: …` → `作用`. */
  label: string | null;
  /** The label of the unit's line (its first unit's label): the sentences after "**dropout有效的原因**: …" share it. */
  lineLabel: string | null;
  /** The whole line is only a label ("**Faster-RCNN训练流程**:"), heading the lines below it. */
  labelLine: boolean;
  /** The labels of the label lines above it in the same block (no blank line between), outermost first. */
  contextLabel: string | null;
}

export interface SectionUnits {
  section: Section;
  /** The heading's title, normalised. */
  heading: string;
  /** The answer's raw lines (index = `answerLine`). */
  lines: string[];
  units: AnswerUnit[];
}

const LIST_MARKER = /^\s*(?:[-*+]|\d{1,3}[.)、>]+)\s+/;
const BOLD_LABEL = /^\*\*([^*]{1,40})\*\*\s*[:：]?/;
// A colon this close to the start ends a label ("作用: …", "可能原因: …"), not a sentence that happens to contain one.
const COLON_LABEL = /^([^:：。，,]{1,16})[:：]/;
// A line this short that ends in a colon or is all bold introduces what follows, like a sub-heading.
const LABEL_LINE_MAX = 40;

/** Splits a section's answer into units; an unanswered section has none. */
export function sectionUnits(section: Section): SectionUnits {
  const lines = section.answer === '' ? [] : section.answer.split(/\r\n|\r|\n/);
  // The answer is trimmed, so its first line is `endLine` minus its other lines.
  const firstFileLine = section.endLine - (lines.length - 1);
  const raw = splitSentences(section.answer);
  const units: AnswerUnit[] = raw.map((u, index) => {
    const body = u.text.replace(LIST_MARKER, '');
    const label = labelOf(body);
    const lineText = lines[u.line]!.trim().replace(LIST_MARKER, '');
    const labelLine = label !== null && lineText.length <= LABEL_LINE_MAX && (/^\*\*[^*]+\*\*\s*[:：]?\s*$/.test(lineText) || /[:：]\s*$/.test(lineText));
    return { index, text: u.text, norm: normalizeText(u.text), answerLine: u.line, fileLine: firstFileLine + u.line, listItem: u.listItem, label, lineLabel: null, labelLine, contextLabel: null };
  });
  // Label lines of one block nest ("**RCNN**" then "- 步骤:"), so the units below carry both: "rcnn 步骤". A label that
  // is itself a list item covers only the items indented under it; a label paragraph covers the rest of its block.
  let context: { label: string; indent: number; listItem: boolean }[] = [];
  let previousLine = -2;
  let lineLabel: string | null = null;
  for (const unit of units) {
    if (unit.answerLine > previousLine + 1) context = []; // a blank line ends the labelled block
    const startsLine = unit.answerLine !== previousLine;
    previousLine = unit.answerLine;
    lineLabel = startsLine ? unit.label : lineLabel;
    unit.lineLabel = lineLabel;
    if (startsLine) {
      const raw = lines[unit.answerLine]!;
      const indent = /^\s*/.exec(raw)![0].replace(/\t/g, '    ').length;
      context = context.filter((c) => !(c.listItem && indent <= c.indent));
      if (unit.labelLine) {
        unit.contextLabel = context.length > 0 ? context.map((c) => c.label).join(' ') : null;
        context.push({ label: unit.label!, indent, listItem: LIST_MARKER.test(raw) });
        continue;
      }
    }
    unit.contextLabel = context.length > 0 ? context.map((c) => c.label).join(' ') : null;
  }
  return { section, heading: normalizeText(section.title), lines, units };
}

function labelOf(body: string): string | null {
  const bold = BOLD_LABEL.exec(body);
  if (bold) return normalizeText(bold[1]!);
  const colon = COLON_LABEL.exec(body);
  return colon ? normalizeText(colon[1]!) : null;
}
