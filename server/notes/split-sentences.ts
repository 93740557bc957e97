// Splits markdown text into sentence-sized units with their line numbers; shared by chunking, key points and answers.

/** A sentence or list item of a markdown text. */
export interface TextUnit {
  text: string;
  /** 0-based line offset within the text the unit came from. */
  line: number;
  /** True when the unit starts a markdown list item or is a bold lead-in line. */
  listItem: boolean;
}

const LIST_ITEM = /^\s*(?:[-*+]|\d{1,3}[.)、])\s+/;
// Sentence ends: Chinese 。！？； always; English .?!; only before whitespace/end and not inside a number ("1.0", "e.g.").
const SENTENCE_END = /([。！？；!?;]+|(?<![0-9A-Za-z]\.[A-Za-z])(?<!\d)\.(?=\s|$))["'”’）)]*/g;

/** Splits text into list items and sentences, never inside a word or number. Blank lines are dropped. */
export function splitSentences(markdown: string): TextUnit[] {
  const units: TextUnit[] = [];
  markdown.split(/\r\n|\r|\n/).forEach((raw, line) => {
    if (raw.trim() === '') return;
    const listItem = LIST_ITEM.test(raw) || /^\s*\*\*[^*]+\*\*/.test(raw);
    let start = 0;
    for (const m of raw.matchAll(SENTENCE_END)) {
      const end = m.index! + m[0].length;
      pushUnit(units, raw.slice(start, end), line, listItem && start === 0);
      start = end;
    }
    pushUnit(units, raw.slice(start), line, listItem && start === 0);
  });
  return units;
}

function pushUnit(units: TextUnit[], text: string, line: number, listItem: boolean): void {
  const trimmed = text.trim();
  // A lone closing mark or list bullet is not a sentence: glue it to the previous unit.
  if (trimmed === '') return;
  if (/^[\p{P}\s]+$/u.test(trimmed) && units.length > 0 && units[units.length - 1]!.line === line) {
    units[units.length - 1]!.text += trimmed;
    return;
  }
  units.push({ text: trimmed, line, listItem });
}
