import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExcerptSelector, type Excerpt } from '../../server/ask/excerpt-selector.js';
import type { Services } from '../../server/services.js';
import { realServices } from '../support/real-services.js';

let services: Services;
let selector: ExcerptSelector;
let notesLines: string[];

beforeAll(async () => {
  ({ services } = await realServices());
  selector = new ExcerptSelector({ sections: services.sections, glossary: services.glossary, embedder: services.embedder });
  notesLines = readFileSync(path.resolve('corpus/deep-learning-interview-notes.md'), 'utf8').split('\n');
});

async function excerptsFor(question: string, maxChars?: number): Promise<Excerpt[]> {
  const { hits } = await services.retriever.retrieve(question, 5);
  return selector.select(question, hits, maxChars);
}

const text = (excerpts: Excerpt[]) => excerpts.map((e) => e.markdown).join('\n');

// Each sample: the section that answers it, a sentence that must be quoted, and a part of the notes that must not be.
const SAMPLES: { question: string; heading: string; key: string; notWanted: string }[] = [
  { question: 'YOLOv3 为什么不用 softmax 了？', heading: '53. YOLOv3算法', key: '没有再使用softmax', notWanted: 'Darknet-53' },
  { question: '1*1卷积的作用', heading: '57. 1*1的卷积有何作用', key: '特征降维', notWanted: '转置卷积' },
  { question: 'pooling的缺点', heading: '4. pooling的作用和缺点', key: '造成梯度稀疏', notWanted: '增大感受野' },
  { question: 'what are the drawbacks of pooling', heading: '4. pooling的作用和缺点', key: '造成梯度稀疏', notWanted: '增大感受野' },
  { question: 'dropout的缺点', heading: '33. dropout和batch normalization的原理', key: '成本函数无法被明确定义', notWanted: 'batch normalization的原理' },
  { question: 'YOLOv1有什么缺点', heading: '51. YOLOv1算法', key: '当两个物体靠得很近时', notWanted: '448*448' },
  { question: 'loss不变怎么解决', heading: '9. 利用梯度下降法训练神经网络模型，发现模型loss不变，可能有哪些问题，怎么解决', key: '改变激活函数', notWanted: '可能原因' },
  { question: 'Faster-RCNN的训练流程', heading: '48. RCNN Fast-RCNN Faster-RCNN的区别', key: '独立训练一个RPN网络', notWanted: 'SPP-Net' },
];

describe('ExcerptSelector', () => {
  it.each(SAMPLES)('quotes the key sentence for "$question" and leaves out the rest of the section', async ({ question, heading, key, notWanted }) => {
    const excerpts = await excerptsFor(question);
    expect(excerpts[0]?.section.heading).toBe(heading);
    expect(text(excerpts)).toContain(key);
    expect(text(excerpts)).not.toContain(notWanted);
  });

  it.each(SAMPLES)('keeps the excerpts for "$question" within 600 characters', async ({ question }) => {
    const excerpts = await excerptsFor(question);
    expect(excerpts.reduce((n, e) => n + e.markdown.length, 0)).toBeLessThanOrEqual(600);
  });

  it('quotes a fraction of a long section rather than all of it', async () => {
    const [first] = await excerptsFor('Faster-RCNN的训练流程');
    expect(first!.section.answer.length).toBeGreaterThan(2500);
    expect(first!.markdown.length).toBeLessThan(first!.section.answer.length / 3);
  });

  it('honours a larger budget when one is asked for', async () => {
    const small = text(await excerptsFor('RNN的经典模型结构有哪些', 300));
    const large = text(await excerptsFor('RNN的经典模型结构有哪些', 1500));
    expect(small.length).toBeLessThanOrEqual(300);
    expect(large.length).toBeGreaterThan(small.length);
    expect(large.length).toBeLessThanOrEqual(1500);
  });

  it('gives line ranges whose lines hold every quoted fragment', async () => {
    for (const { question } of SAMPLES) {
      for (const excerpt of await excerptsFor(question)) {
        expect(excerpt.startLine).toBeGreaterThanOrEqual(excerpt.section.startLine);
        expect(excerpt.endLine).toBeLessThanOrEqual(excerpt.section.endLine);
        for (const line of excerpt.lines) {
          const source = notesLines[line.fileLine - 1]!.replaceAll('**', '');
          for (const fragment of fragments(line.text)) expect(source).toContain(fragment);
        }
      }
    }
  });

  it('says when no chosen sentence gives what was asked for', async () => {
    const excerpts = await excerptsFor('1*1卷积有什么缺点');
    expect(excerpts[0]?.section.heading).toBe('57. 1*1的卷积有何作用');
    expect(excerpts.some((e) => e.addressesIntent)).toBe(false);
    expect((await excerptsFor('pooling的缺点'))[0]!.addressesIntent).toBe(true);
  });

  it('returns nothing when every hit is a question without an answer', async () => {
    const { hits } = await services.retriever.retrieve('生成器的概念是什么', 5);
    const unanswered = hits.filter((h) => !services.sections.find((s) => s.id === h.questionId)!.hasReference);
    expect(unanswered.length).toBeGreaterThan(0);
    expect(await selector.select('生成器的概念是什么', unanswered)).toEqual([]);
  });
});

/** The pieces of an excerpt line as they appear in the notes: without "…", list markers and bold marks. */
function fragments(line: string): string[] {
  return line
    .replaceAll('**', '')
    .split('…')
    .map((f) => f.replace(/^\s*(?:[-*+]|\d{1,3}[.)、>]+)\s+/, '').trim())
    .filter((f) => f.length > 0);
}
