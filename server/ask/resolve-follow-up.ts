// Turns a follow-up ("那它和普通卷积比呢？", "what about its drawbacks?") into a standalone question using the thread's topic.

import type { Glossary } from '../glossary/glossary.js';
import { normalizeText } from '../text/normalize.js';
import { getJieba, tokenize } from '../text/tokenize.js';
import type { AskTurn } from './types.js';

export interface ResolvedQuestion {
  /** What retrieval should search for: the question itself, or with the earlier topic filled in. */
  query: string;
  /** True when the question leaned on an earlier turn and `query` differs from it. */
  followUp: boolean;
  /** The topic carried over from the thread, when one was. */
  topic: string | null;
}

// Words that point back to something said before. 其/该/此 only count as whole jieba words, so 其他 and 该死 do not.
const ZH_POINTERS = new Set(['它', '它们', '其', '该', '此', '这个', '那个', '这种', '那种', '这些', '那些', '前者', '后者', '上述', '这样']);
const EN_POINTERS = new Set(['it', 'its', "it's", 'they', 'them', 'their', 'theirs']);
// Opening words of an elliptical follow-up: "那空洞卷积呢？", "what about dropout?".
const ZH_CONTINUATION = /^(?:那么?|还有|另外|再说说|那如果|如果是)/;
const EN_CONTINUATION = /^(?:and|what about|how about|and what about|also)\b/i;
// A question this short without a topic of its own ("缺点呢？", "为什么？", "why?") can only be about the last one.
const SHORT_ZH_CHARS = 6;
const SHORT_EN_WORDS = 3;

interface TurnTopic {
  topic: string | null;
  intents: string[];
}

/**
 * Resolves `question` against `history` (oldest first). Each earlier turn is resolved the same way first,
 * so a chain of follow-ups ("1*1卷积的作用" → "那它和普通卷积比呢？" → "它的缺点呢？") keeps its topic.
 */
export function resolveFollowUp(question: string, history: readonly AskTurn[], glossary: Glossary): ResolvedQuestion {
  let previous: TurnTopic = { topic: null, intents: [] };
  for (const turn of history) previous = resolveTurn(turn.question, previous, glossary).next;
  return resolveTurn(question, previous, glossary).resolved;
}

function resolveTurn(question: string, previous: TurnTopic, glossary: Glossary): { resolved: ResolvedQuestion; next: TurnTopic } {
  const own = topicOf(question, glossary);
  const words = getJieba().cut(question, true).map((w) => w.toLowerCase());
  const pointer = words.find((w) => ZH_POINTERS.has(w) || EN_POINTERS.has(w));
  const trimmed = question.trim();
  const elliptical = ZH_CONTINUATION.test(trimmed) || EN_CONTINUATION.test(trimmed) || /呢[?？]?$/.test(trimmed);
  const isShort = languageWordCount(trimmed) <= (/\p{Script=Han}/u.test(trimmed) ? SHORT_ZH_CHARS : SHORT_EN_WORDS);
  const standalone: ResolvedQuestion = { query: question, followUp: false, topic: null };

  if (previous.topic === null) return { resolved: standalone, next: own };

  if (pointer !== undefined || (own.topic === null && (isShort || elliptical))) {
    const topic = previous.topic;
    const query = pointer !== undefined && /\p{Script=Han}/u.test(pointer) ? replaceFirst(question, pointer, topic) : `${topic} ${question}`;
    // The thread stays on the earlier topic; a new intent (缺点 after 作用) replaces the old one.
    return { resolved: { query, followUp: true, topic }, next: { topic, intents: own.intents.length > 0 ? own.intents : previous.intents } };
  }
  if (elliptical && own.topic !== null && own.intents.length === 0 && previous.intents.length > 0) {
    // "那空洞卷积呢？" after "1*1卷积的作用": a new topic asked with the earlier intent.
    const query = `${question} ${previous.intents.join(' ')}`;
    return { resolved: { query, followUp: true, topic: previous.intents.join(' ') }, next: { topic: own.topic, intents: previous.intents } };
  }
  return { resolved: standalone, next: own };
}

/** The question's topic as written (glossary terms, else its content words) and its intent words. */
function topicOf(question: string, glossary: Glossary): TurnTopic {
  const norm = normalizeText(question);
  const matches = glossary.find(norm);
  const intents = unique(matches.filter((m) => m.set.intent).map((m) => norm.slice(m.start, m.end)));
  const terms = unique(matches.filter((m) => !m.set.intent).map((m) => norm.slice(m.start, m.end)));
  if (terms.length > 0) return { topic: terms.slice(0, 3).join(' '), intents };
  const intentForms = new Set(matches.filter((m) => m.set.intent).flatMap((m) => m.set.terms.map((t) => normalizeText(t))));
  const content = tokenize(question).filter((t) => !intentForms.has(t) && !ZH_POINTERS.has(t) && !EN_POINTERS.has(t) && t.length > 1);
  // Without a glossary term, only a question with at least two content words says clearly what it is about.
  return { topic: content.length >= 2 ? unique(content).slice(0, 3).join(' ') : null, intents };
}

function languageWordCount(text: string): number {
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  const latin = (text.match(/[A-Za-z0-9]+/g) ?? []).length;
  return han + latin;
}

function replaceFirst(text: string, word: string, by: string): string {
  const at = text.indexOf(word);
  return at === -1 ? `${by} ${text}` : text.slice(0, at) + by + text.slice(at + word.length);
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
