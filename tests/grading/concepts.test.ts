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
    expect(finder.find('YOLOv3没有再使用softmax', 'YOLOv3 分类用的是softmax')).toEqual([{ kind: 'negation', note: '没有再使用softmax', answer: 'softmax' }]);
    expect(finder.find('转置卷积是一种上采样的方式', '转置卷积就是上采样')).toEqual([]);
  });

  it('finds a word of direction negated of the thing the note says it of, quoting the negator', () => {
    const finder = new ContradictionFinder(space);
    expect(finder.find('在保持参数不变的情况下增大了卷积核的感受野', '空洞卷积没有增大感受野')).toEqual([{ kind: 'negation', note: '增大', answer: '没有增大' }]);
    // Said of something else, the same negation is no contradiction: the parameters do not grow.
    expect(finder.find('在保持参数不变的情况下增大了卷积核的感受野', '空洞卷积不增加参数')).toEqual([]);
  });

  it('takes no character inside a word for a negator', () => {
    const finder = new ContradictionFinder(space);
    // 分别 is "respectively", not 别 ("don't").
    expect(finder.find('LSTM有三个门，分别是遗忘门、输入门和输出门', 'LSTM 的三个门是遗忘门、输入门、输出门')).toEqual([]);
  });

  it('does not hold the problem a remedy is for to one polarity', () => {
    const finder = new ContradictionFinder(space);
    // "Does not degrade" and "solves the degradation problem" say the same.
    expect(finder.find('残差结构让深层网络不会退化', '残差结构解决了深层网络的退化问题')).toEqual([]);
    expect(finder.find('dropout的网络容易过拟合吗？dropout可以防止过拟合', 'dropout能防止过拟合')).toEqual([]);
  });

  it('does not take what would happen otherwise for a claim', () => {
    const finder = new ContradictionFinder(space);
    expect(finder.find('加入非线性后多层网络不会退化成单层', '激活函数必须是非线性的，否则多层网络叠起来还是线性变换，退化成单层')).toEqual([]);
  });

  it('never calls a contradiction what the notes themselves say elsewhere in the section', () => {
    const finder = new ContradictionFinder(space);
    const section = '图像、语音、文本的共性是局部相关性。没有局部相关性的数据集不适合用深度学习。';
    expect(finder.find('图像、语音、文本的共性是局部相关性', '表格数据没有局部相关性，而图像数据有局部相关性', section)).toEqual([]);
    expect(finder.find('卷积层不需要固定输入尺寸', '全连接层要求输入尺寸固定', '全连接层需要固定输入尺寸，卷积层不需要固定输入尺寸')).toEqual([]);
  });
});
