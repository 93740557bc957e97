import { beforeAll, describe, expect, it } from 'vitest';
import { splitClauses, stripFillers, hedgeCount } from '../../server/grading/answer-text.js';
import { ConceptSpace } from '../../server/grading/concepts.js';
import { ContradictionFinder } from '../../server/grading/contradictions.js';
import { realServices } from '../support/real-services.js';

let space: ConceptSpace;

beforeAll(async () => {
  const { services } = await realServices();
  space = new ConceptSpace(services.glossary, services.sections.map((s) => `${s.title}\n${s.answer}`));
});

const says = (concept: string, text: string) => {
  const [c] = space.concepts(concept);
  return space.mentions(c!, space.bag(text));
};

describe('ConceptSpace', () => {
  it('treats glossary synonyms and translations as the same concept', () => {
    expect(says('空洞卷积', '扩张卷积可以扩大感受野')).toBe(1);
    expect(says('空洞卷积', 'atrous convolution enlarges the receptive field')).toBe(1);
    expect(says('感受野', 'the receptive field grows')).toBe(1);
  });

  it('treats everyday words of the same meaning alike, in both languages', () => {
    expect(says('增大', '视野变大了')).toBe(1);
    expect(says('增大', 'it enlarges the view')).toBe(1);
    expect(says('保持', 'the output keeps its size')).toBe(1);
  });

  it('does not let a one-character slip turn a phrase into another glossary term', () => {
    // 需要学习 is one character away from 元学习 (meta-learning); grading must not see meta-learning here.
    expect(space.concepts('都没有需要学习的参数').map((c) => c.key)).not.toContain(space.keyOf('元学习'));
  });

  it('counts glossary terms the notes never use against a text being about the notes, like everyday words', () => {
    expect(space.notesShare('空洞卷积可以扩大感受野')).toBe(1);
    // 推荐系统 is a glossary term (recommender systems, a neighbouring field) that the notes never use.
    expect(space.notesShare('推荐系统')).toBe(0);
    expect(space.notesShare('今天面试有点紧张，我之前在一家电商公司做推荐系统')).toBeLessThan(0.15);
  });

  it('weights rare concepts above common ones', () => {
    const weight = (term: string) => space.concepts(term)[0]!.weight;
    expect(weight('空洞卷积')).toBeGreaterThan(weight('神经网络'));
  });
});

describe('answer text', () => {
  it('splits clauses with offsets that quote the original answer', () => {
    const answer = '嗯，空洞卷积可以扩大感受野；同时输出大小不变. It keeps 0.5 as is!';
    for (const c of splitClauses(answer)) expect(answer.slice(c.start, c.end)).toBe(c.text);
    // Each clause keeps its closing mark; "0.5" is not a sentence end.
    expect(splitClauses(answer).map((c) => c.text)).toEqual(['嗯，', '空洞卷积可以扩大感受野；', '同时输出大小不变.', 'It keeps 0.5 as is!']);
  });

  it('removes spoken fillers and counts hedges', () => {
    expect(stripFillers('嗯……这个，不知道，不好意思').replace(/[\s…，,。]/g, '')).toBe('');
    expect(hedgeCount('具体我就不太记得了，好像是这样，not sure')).toBe(2);
  });

  it('leaves English words that contain a filler sound or a filler word alone', () => {
    const answer = 'Um, each transformer layer uses a skip connection, so the forward pass stays stable.';
    expect(stripFillers(answer)).toBe(' , each transformer layer uses a skip connection, so the forward pass stays stable.');
    expect(stripFillers('pass').trim()).toBe('');
  });
});

describe('ContradictionFinder', () => {
  it('finds the opposite direction of a glossary pair and a negated technical term', () => {
    const finder = new ContradictionFinder(space);
    expect(finder.find('转置卷积是一种上采样的方式', '转置卷积是一种下采样的方法')).toEqual([{ kind: 'antonym', note: '上采样', answer: '下采样' }]);
    expect(finder.find('YOLOv3没有再使用softmax', '分类用的是softmax').map((c) => c.kind)).toEqual(['negation']);
    expect(finder.find('转置卷积是一种上采样的方式', '转置卷积就是上采样')).toEqual([]);
  });
});
