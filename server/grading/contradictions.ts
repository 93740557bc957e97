// Finds where an answer says the opposite of a key point it otherwise matches: a concept the note affirms
// that the answer negates right before it ("不能并行", "跟 shortcut 没关系", "没有增大感受野"), or the opposite
// direction said of the same thing ("特征图变小" against "特征图大小保持不变", "下采样" against "上采样").
// What the notes themselves say either way, anywhere in the section, is never a contradiction: notes often say
// both ("不是真正的反卷积 … 是一种上采样", "输入输出一致 … 减少差异", "全连接层需要固定输入 … 卷积层不需要").

import type { ConceptSpace, Occurrence } from './concepts.js';
import { ANTONYMS } from './lexicon.js';

/** One contradiction: the note's words and the answer's words that disagree. */
export interface Contradiction {
  kind: 'negation' | 'antonym';
  note: string;
  answer: string;
}

// A negator directly before a concept, allowing a modal or light verb in between ("不能并行", "没有再使用
// softmax", "not used"). Anything farther away usually negates something else. 别 negates only on its own:
// 分别是遗忘门 (respectively), 区别, 类别 and 特别 say nothing against what follows; nor does 有无.
const HAN_NEGATION =
  /(?:不|没有|没|无法|(?<!有)无|非|未|(?<![分区类特差级识辨个告])别|并不|并非|不再|没法)(?:能|会|需要|需|要|用|是|太|可以|可|必须|一定|再|使用|采用|用到|被|得|到|了|一个|一种|个|种){0,3}\s*$/;
const EN_NEGATION = /\b(?:not|no|never|without|cannot|can't|isn't|aren't|doesn't|don't|won't|didn't)\s+(?:(?:be|been|use|used|using|need|needed|have|any|the|a)\s+)?$/;
// A problem a remedy is named for ("防止过拟合", "解决了深层网络的退化问题") is said both ways in good answers
// and notes alike ("不会退化", "解决退化", "容易过拟合", "防止过拟合"), so its polarity is no claim to check.
// Only the problem the remedy names: the concept must end its phrase (that sentence says nothing of 深层网络).
const REMEDY = /(?:解决了?|缓解了?|避免了?|防止|克服了?|消除了?|solves?|prevents?|avoids?|alleviates?|mitigates?)\s*(?:the\s+)?(?:[^，,。；;]{1,12}的)?\s*$/i;
const PHRASE_END = /^\s*(?:的?问题|现象|problems?\b|issues?\b|$|[，,。；;:：!?！？)）]|等|和|与|以及|and\b|or\b)/i;
// "跟 X 没什么关系" / "与 X 无关" negate X from behind.
const DISMISSAL = /^[^，,。；;]{0,4}(?:没(?:有|什么)?(?:关系|关联)|无关|没用|没有用)/;
const CLAUSE_BREAK = /[，,。；;：:!?！？()（）\n]/g;
// What a sentence says after "otherwise" is what would happen, not what does: "否则多层网络……退化成单层".
const COUNTERFACTUAL = /否则|不然|要不|如果没有|若没有|如果不|若不|\botherwise\b|\bwithout it\b|\bif not\b/i;
const SENTENCE_BREAK = /[。；;!?！？\n]/g;

interface Said extends Occurrence {
  clause: number;
  negated: boolean;
  /** Named as the problem a remedy is for. */
  remedied: boolean;
  /** Said of what would happen otherwise. */
  counterfactual: boolean;
  /** Where the quote of this occurrence starts: at its negator when negated, so the quote reads "没有增大". */
  quoteStart: number;
}

interface Read {
  norm: string;
  said: Said[];
}

// Sections read for context, by text: a bank has a few dozen, and free questions add one per distinct retrieval.
const CONTEXT_CACHE = 256;

export class ContradictionFinder {
  private readonly antonyms = new Map<string, Set<string>>();
  private readonly contexts = new Map<string, Read>();

  constructor(private readonly space: ConceptSpace) {
    for (const [a, b] of ANTONYMS) {
      const ka = space.keyOf(a);
      const kb = space.keyOf(b);
      if (!ka || !kb || ka === kb) continue;
      if (!this.antonyms.has(ka)) this.antonyms.set(ka, new Set());
      if (!this.antonyms.has(kb)) this.antonyms.set(kb, new Set());
      this.antonyms.get(ka)!.add(kb);
      this.antonyms.get(kb)!.add(ka);
    }
  }

  /** `note` is the key point; `context` the whole section it comes from (what else the notes say). */
  find(note: string, answer: string, context = note): Contradiction[] {
    const n = this.read(note);
    const a = this.read(answer);
    const c = context === note ? n : this.context(context);
    return [...this.negations(n, a, c), ...this.opposites(n, a, c)];
  }

  private context(text: string): Read {
    let read = this.contexts.get(text);
    if (!read) {
      if (this.contexts.size >= CONTEXT_CACHE) this.contexts.clear();
      read = this.read(text);
      this.contexts.set(text, read);
    }
    return read;
  }

  /**
   * The same concept said with the other polarity of the same thing: a technical term (a glossary set) the note
   * only affirms and the answer negates, or the reverse, in a clause that shares another concept with the note's
   * ("池化层没有参数" is not contradicted by "梯度只传给最大值"); or a word of direction (增大, 保持 …) negated of
   * the very thing the note says it of. Other everyday words are left out: their negations ("不用算", "不需要")
   * are too often paraphrase.
   */
  private negations(n: Read, a: Read, c: Read): Contradiction[] {
    const out: Contradiction[] = [];
    const seen = new Set<string>();
    for (const y of a.said) {
      if (seen.has(y.key) || y.counterfactual) continue;
      const technical = y.key.startsWith('g') && !this.antonyms.has(y.key);
      const directional = !y.key.startsWith('g') && this.antonyms.has(y.key);
      if (!technical && !directional) continue;
      const inNote = n.said.filter((x) => x.key === y.key);
      if (inNote.length === 0 || c.said.some((x) => x.key === y.key && x.negated === y.negated)) continue;
      if ([...c.said, ...a.said].some((o) => o.key === y.key && o.remedied)) continue;
      const x = directional
        ? inNote.find((o) => overlaps(subjects(n.said, o), subjects(a.said, y)))
        : inNote.find((o) => overlaps(clauseMates(n.said, o), clauseMates(a.said, y)));
      if (!x) continue;
      seen.add(y.key);
      out.push({ kind: 'negation', note: quote(n, x), answer: quote(a, y) });
    }
    return out;
  }

  /**
   * The opposite word said of something the note's word is said of, or, for glossary terms that are things in
   * themselves (上采样 / 下采样), said at all while the note's is not.
   */
  private opposites(n: Read, a: Read, c: Read): Contradiction[] {
    const out: Contradiction[] = [];
    const affirmed = new Set(c.said.filter((o) => !o.negated).map((o) => o.key));
    for (const x of n.said) {
      const opposites = this.antonyms.get(x.key);
      if (!opposites || x.negated) continue;
      const selfContained = x.key.startsWith('g');
      const objects = selfContained ? null : subjects(n.said, x);
      const of = (o: Said) => objects === null || overlaps(subjects(a.said, o), objects);
      if (a.said.some((o) => o.key === x.key && !o.negated && of(o))) continue;
      const y = a.said.find((o) => opposites.has(o.key) && !o.negated && !affirmed.has(o.key) && of(o));
      if (y) out.push({ kind: 'antonym', note: quote(n, x), answer: quote(a, y) });
    }
    return out;
  }

  private read(text: string): Read {
    const { norm, items } = this.space.occurrences(text);
    const breaks = [...norm.matchAll(CLAUSE_BREAK)].map((m) => m.index!);
    const sentences = [...norm.matchAll(SENTENCE_BREAK)].map((m) => m.index!);
    return {
      norm,
      said: items.map((o) => {
        const clause = breaks.filter((b) => b < o.start).length;
        const clauseStart = clause === 0 ? 0 : breaks[clause - 1]! + 1;
        const before = norm.slice(clauseStart, o.start);
        const after = norm.slice(o.end);
        const negator = HAN_NEGATION.exec(before) ?? EN_NEGATION.exec(before);
        const negated = negator !== null || DISMISSAL.test(after);
        const remedied = REMEDY.test(before) && PHRASE_END.test(after);
        const sentenceStart = sentences.filter((b) => b < o.start).reduce((_, b) => b + 1, 0);
        const counterfactual = COUNTERFACTUAL.test(norm.slice(sentenceStart, o.start));
        return { ...o, clause, negated, remedied, counterfactual, quoteStart: negator ? clauseStart + negator.index : o.start };
      }),
    };
  }
}

function quote(read: Read, o: Said): string {
  return read.norm.slice(o.quoteStart, o.end).trim();
}

/**
 * What a word is said of: the concepts next to it in its clause, one before and two after ("特征图 | 变小",
 * "增大 | 了卷积核的 | 感受野": an object often comes after a modifier).
 */
function subjects(said: Said[], o: Said): Set<string> {
  const i = said.indexOf(o);
  return new Set([said[i - 1], said[i + 1], said[i + 2]].filter((s): s is Said => s !== undefined && s.clause === o.clause).map((s) => s.key));
}

/** The other concepts of its clause. */
function clauseMates(said: Said[], o: Said): Set<string> {
  return new Set(said.filter((s) => s.clause === o.clause && s.key !== o.key).map((s) => s.key));
}

function overlaps(a: Set<string>, b: Set<string>): boolean {
  for (const k of a) if (b.has(k)) return true;
  return false;
}
