// Reads a spoken or written answer: clauses with their offsets (for quoting evidence), filler words removed
// for measuring content, and hedges ("记不清了", "not sure") counted.

import { trimmedSpan, type TextSpan } from '../text/trimmed-span.js';

/** A clause of the answer; `start`/`end` are offsets into the original answer string. */
export type Clause = TextSpan;

// Clause ends: Chinese and English sentence and clause punctuation, newlines; an English full stop only
// before whitespace and not after a digit ("0.5", "v3.0" stay whole).
const CLAUSE_END = /[。！？；!?;，,、\n]+|(?<!\d)\.(?=\s|$)/g;

/** Splits an answer into clauses, skipping empty ones. */
export function splitClauses(answer: string): Clause[] {
  const out: Clause[] = [];
  let start = 0;
  const push = (end: number) => {
    const clause = trimmedSpan(answer, start, end);
    // Punctuation alone ("……", "?!") is not a clause.
    if (clause && /[\p{L}\p{N}]/u.test(clause.text)) out.push(clause);
  };
  for (const m of answer.matchAll(CLAUSE_END)) {
    push(m.index! + m[0].length);
    start = m.index! + m[0].length;
  }
  push(answer.length);
  return out;
}

// Spoken fillers and non-answers. Removing them leaves what the candidate actually said.
const FILLERS = [
  // English sounds only as whole words: "er" inside "layer" or "transformer" is not a filler.
  /嗯+|呃+|额+|啊+|哦+|唔+|哈+|诶+|欸+|\b(?:emm+|umm*|uhh*|hmm+|erm*)\b/gi,
  /这个问题|这个|那个|就是说|就是|然后呢|然后|对吧|的话|怎么说呢|我想想|让我想想|我觉得|我理解的是|我理解|我记得|我印象中|好像|大概|应该是|应该|可能是|反正|其实|吧|呢|嘛/g,
  /不好意思|抱歉|对不起|\bsorry\b/gi,
  /(?:我)?(?:一下子|一时)?(?:不知道|不清楚|不太清楚|不太了解|不了解|不会|忘了|忘记了|想不起来了?|记不起来了?|记不清了?|记不太清了?|不记得了?|不太记得了?|没学过|没印象)/g,
  /算了|就这样吧|就这些吧|一下子/g,
  // "pass" / "skip" only as the whole answer: "skip connection" and "forward pass" are content.
  /能不能(?:先)?跳过(?:这题|这道题)?|跳过|下一题|^\s*(?:pass|skip)\s*[.!。！]?\s*$|\bnext question\b/gi,
  /\bi\s*(?:don'?t|do not)\s*(?:know|remember|recall)\b|\bno idea\b|\bnot sure\b|\bi forgot\b|\bi can'?t remember\b/gi,
  /这题|这道题|这一题/g,
];

/** The answer with spoken fillers, apologies and "I don't know" removed (punctuation kept). */
export function stripFillers(answer: string): string {
  let out = answer;
  for (const f of FILLERS) out = out.replace(f, ' ');
  return out;
}

/** Letters and digits left after fillers are removed; Han characters count one each, Latin words one each. */
export function contentSize(answer: string): number {
  const rest = stripFillers(answer);
  const han = rest.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = rest.match(/[A-Za-z]{2,}|\d+/g)?.length ?? 0;
  return han + words * 2;
}

const HEDGES = /不太清楚|不清楚|不确定|记不清|记不太清|不太记得|忘了|具体我就不|我就不太|没深入|不太了解|不太懂|不是特别清楚|not sure|don'?t remember|can'?t remember|i think maybe|i guess/gi;

/** How many times the answer admits not knowing or not remembering. */
export function hedgeCount(answer: string): number {
  return answer.match(HEDGES)?.length ?? 0;
}
