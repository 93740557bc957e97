// Tags each question with topics: the user's override for its heading, else keywords (and their glossary synonyms).

import type { Glossary } from '../glossary/glossary.js';
import type { Section } from '../notes/types.js';
import { normalizeText } from '../text/normalize.js';
import type { TopicDefinition, TopicsFile } from './load-topics.js';

/** The topic of a question that matches no keyword, so every question can still be filtered and reported. */
export const OTHER_TOPIC: TopicDefinition = { id: 'other', label: { zh: '其他', en: 'Other' }, keywords: [] };

// A keyword in the heading says what the question is about; one in the answer may be an aside. Three answer
// mentions of distinct concepts weigh as much as one in the heading.
const HEADING_WEIGHT = 3;
const ANSWER_WEIGHT = 1;
/** A topic needs a heading hit, or several answer concepts, to be tagged at all. */
const MIN_SCORE = 3;
/** Secondary topics must reach this share of the best topic's score; stops every passing mention becoming a tag. */
const RELATIVE_CUTOFF = 0.5;
const MAX_TOPICS = 3;

export interface TopicTag {
  topics: string[];
  /** Where the tags came from: the user's overrides file, keyword matching, or the fallback. */
  source: 'override' | 'keywords' | 'fallback';
}

interface Concept {
  /** Keywords (normalised) that stand for this concept: the keyword itself and its glossary synonyms. */
  terms: string[];
  latin: boolean[];
}

export class TopicTagger {
  readonly topics: TopicDefinition[];
  private readonly overrides: Map<string, string[]>;
  private readonly concepts = new Map<string, Concept[]>();

  constructor(file: TopicsFile, glossary: Glossary) {
    this.topics = [...file.topics, OTHER_TOPIC];
    this.overrides = file.overrides;
    for (const topic of file.topics) {
      const byKey = new Map<string, Set<string>>();
      for (const keyword of topic.keywords) {
        const synonyms = glossary.synonyms(keyword);
        // Keywords that are synonyms of each other (卷积核 / kernel) are one concept: counted once, not twice.
        const key = normalizeText(synonyms[0] ?? keyword);
        const terms = byKey.get(key) ?? new Set<string>();
        for (const t of [keyword, ...synonyms]) {
          const norm = normalizeText(t);
          // Glossary synonyms of one or two Latin letters (e.g. "C" for a concept) would match everywhere.
          if (norm.length >= 2 || /\p{Script=Han}/u.test(norm)) terms.add(norm);
        }
        byKey.set(key, terms);
      }
      this.concepts.set(
        topic.id,
        [...byKey.values()].map((set) => {
          const terms = [...set];
          return { terms, latin: terms.map((t) => !/\p{Script=Han}/u.test(t)) };
        }),
      );
    }
  }

  tag(section: Pick<Section, 'heading' | 'title' | 'answer'>): TopicTag {
    const pinned = this.overrides.get(section.heading.trim()) ?? this.overrides.get(section.title.trim());
    if (pinned) return { topics: pinned, source: 'override' };
    const scores = this.score(section);
    const best = Math.max(0, ...scores.values());
    if (best < MIN_SCORE) {
      // One weak hit is still better than "other" for notes written without this vocabulary in mind.
      if (best > 0) return { topics: [[...scores].sort((a, b) => b[1] - a[1])[0]![0]], source: 'keywords' };
      return { topics: [OTHER_TOPIC.id], source: 'fallback' };
    }
    const topics = [...scores]
      .filter(([, s]) => s >= MIN_SCORE && s >= best * RELATIVE_CUTOFF)
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_TOPICS)
      .map(([id]) => id);
    return { topics, source: 'keywords' };
  }

  /** The score of every topic with at least one hit: weighted count of distinct concepts found. */
  score(section: Pick<Section, 'heading' | 'title' | 'answer'>): Map<string, number> {
    const heading = normalizeText(section.title || section.heading);
    const answer = normalizeText(section.answer);
    const scores = new Map<string, number>();
    for (const [id, concepts] of this.concepts) {
      let score = 0;
      for (const concept of concepts) {
        if (occurs(heading, concept)) score += HEADING_WEIGHT;
        else if (occurs(answer, concept)) score += ANSWER_WEIGHT;
      }
      if (score > 0) scores.set(id, score);
    }
    return scores;
  }

  label(id: string): { zh: string; en: string } {
    return this.topics.find((t) => t.id === id)?.label ?? { zh: id, en: id };
  }
}

function occurs(text: string, concept: Concept): boolean {
  return concept.terms.some((term, i) => {
    if (!concept.latin[i]) return text.includes(term);
    // Latin keywords are whole words: "gru" must not fire inside "group", nor "rnn" inside "rnnoise"; a version
    // suffix is allowed, since normalizeText writes "YOLO v3" as "yolov3".
    let at = text.indexOf(term);
    while (at !== -1) {
      const before = text[at - 1] ?? ' ';
      const rest = text.slice(at + term.length);
      if (!/[a-z]/.test(before) && (!/^[a-z]/.test(rest) || /^v\d/.test(rest))) return true;
      at = text.indexOf(term, at + 1);
    }
    return false;
  });
}
