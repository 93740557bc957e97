// Finds where an answer says the opposite of a key point it otherwise matches: a concept the note affirms
// that the answer negates right before it ("不能并行", "跟 shortcut 没关系"), or the opposite direction said
// of the same thing ("特征图变小" against "特征图大小保持不变", "下采样" against "上采样").

import type { ConceptSpace, Occurrence } from './concepts.js';
import { ANTONYMS } from './lexicon.js';

/** One contradiction: the note's words and the answer's words that disagree. */
export interface Contradiction {
  kind: 'negation' | 'antonym';
  note: string;
  answer: string;
}

// A negator directly before a concept, allowing a modal or light verb in between ("不能并行", "没有再使用
// softmax", "not used"). Anything farther away usually negates something else.
const HAN_NEGATION = /(?:不|没有|没|无法|无|非|未|别|并不|并非|不再|没法)(?:能|会|需要|需|要|用|是|太|可以|可|必须|一定|再|使用|采用|用到|被|得|到|了){0,2}\s*$/;
const EN_NEGATION = /\b(?:not|no|never|without|cannot|can't|isn't|aren't|doesn't|don't|won't|didn't)\s+(?:(?:be|been|use|used|using|need|needed|have|any|the|a)\s+)?$/;
// "跟 X 没什么关系" / "与 X 无关" negate X from behind.
const DISMISSAL = /^[^，,。；;]{0,4}(?:没(?:有|什么)?(?:关系|关联)|无关|没用|没有用)/;
const CLAUSE_BREAK = /[，,。；;：:!?！？()（）\n]/g;

interface Said extends Occurrence {
  clause: number;
  negated: boolean;
}

export class ContradictionFinder {
  private readonly antonyms = new Map<string, Set<string>>();

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

  find(note: string, answer: string): Contradiction[] {
    const n = this.read(note);
    const a = this.read(answer);
    const out: Contradiction[] = [];
    const quote = (text: string, o: Occurrence) => text.slice(o.start, o.end);

    // Negation: the same technical term (a glossary set), affirmed on one side and negated on the other.
    // Everyday words are left out: their negations ("不用算", "不需要") are too often paraphrase.
    const seen = new Set<string>();
    for (const x of n.said) {
      if (seen.has(x.key) || this.antonyms.has(x.key) || !x.key.startsWith('g')) continue;
      seen.add(x.key);
      const y = a.said.find((o) => o.key === x.key);
      if (y && x.negated !== y.negated) out.push({ kind: 'negation', note: quote(n.norm, x), answer: quote(a.norm, y) });
    }

    // Antonyms: the opposite word said of something the note's word is said of (same clause), or, for
    // glossary terms that are things in themselves (上采样 / 下采样), said at all while the note's is not.
    for (const x of n.said) {
      const opposites = this.antonyms.get(x.key);
      if (!opposites || x.negated) continue;
      const selfContained = x.key.startsWith('g');
      const objects = selfContained ? null : subjects(n.said, x);
      const agrees = a.said.some((o) => o.key === x.key && !o.negated && (objects === null || overlaps(subjects(a.said, o), objects)));
      if (agrees) continue;
      const y = a.said.find((o) => opposites.has(o.key) && !o.negated && (objects === null || overlaps(subjects(a.said, o), objects)));
      if (y) out.push({ kind: 'antonym', note: quote(n.norm, x), answer: quote(a.norm, y) });
    }
    return out;
  }

  private read(text: string): { norm: string; said: Said[] } {
    const { norm, items } = this.space.occurrences(text);
    const breaks = [...norm.matchAll(CLAUSE_BREAK)].map((m) => m.index!);
    return {
      norm,
      said: items.map((o) => {
        const clause = breaks.filter((b) => b < o.start).length;
        const clauseStart = clause === 0 ? 0 : breaks[clause - 1]! + 1;
        const before = norm.slice(clauseStart, o.start);
        const negated = HAN_NEGATION.test(before) || EN_NEGATION.test(before) || DISMISSAL.test(norm.slice(o.end));
        return { ...o, clause, negated };
      }),
    };
  }
}

/** What a word is said of: the concepts right next to it in its clause ("特征图 | 变小", "增大 | 感受野"). */
function subjects(said: Said[], o: Said): Set<string> {
  const i = said.indexOf(o);
  return new Set([said[i - 1], said[i + 1]].filter((s): s is Said => s !== undefined && s.clause === o.clause).map((s) => s.key));
}

function overlaps(a: Set<string>, b: Set<string>): boolean {
  for (const k of a) if (b.has(k)) return true;
  return false;
}
