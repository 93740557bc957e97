// @vitest-environment jsdom
// The feedback card after an answer: score, covered points with the candidate's words, missed points, advice, follow-up.

import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GradeView } from '../../web/src/api.js';
import { FeedbackCard, tidyExcerpt } from '../../web/src/components/feedback-card.js';
import { I18nProvider, type Lang } from '../../web/src/i18n.js';

afterEach(cleanup);

const grade: GradeView = {
  score: 6.5,
  maxScore: 10,
  verdict: 'partial',
  keyPoints: [
    { text: '在保持参数不变的情况下增大了卷积核的感受野', status: 'covered', weight: 0.5, evidence: '参数量不变但是感受野变大' },
    { text: '可以保证输出的特征映射的大小保持不变', status: 'partial', weight: 0.2, evidence: '输出尺寸不变' },
    { text: '一个扩张为2的3*3卷积核，感受野与5的卷积核相同，但参数数量仅仅为9个', status: 'missed', weight: 0.3 },
  ],
  feedback: '举一个具体的扩张率例子会更有说服力。',
  followUp: '那扩张为2的3×3卷积核的感受野是多少？',
  grader: 'rubric',
};

function renderCard(props: Partial<Parameters<typeof FeedbackCard>[0]> = {}, lang: Lang = 'zh') {
  return render(
    <I18nProvider initial={lang}>
      <FeedbackCard grade={grade} {...props} />
    </I18nProvider>,
  );
}

describe('FeedbackCard', () => {
  it('shows the score out of 10 and the verdict', () => {
    renderCard();
    expect(screen.getByRole('img', { name: '6.5 / 10 分' })).toBeTruthy();
    expect(screen.getByText('部分答到')).toBeTruthy();
  });

  it('lists covered points with the candidate’s own words highlighted', () => {
    renderCard();
    const covered = screen.getByRole('region', { name: '答到的要点（2/3）' });
    expect(within(covered).getByText('参数量不变但是感受野变大').tagName).toBe('MARK');
    expect(within(covered).getByText('输出尺寸不变').tagName).toBe('MARK');
    expect(within(covered).getByRole('img', { name: '部分答到' })).toBeTruthy();
    expect(covered.textContent).toContain('2/3');
  });

  it('lists missed points with the note’s words and a way to open them in the notes', () => {
    const onShowReference = vi.fn();
    renderCard({ onShowReference });
    const missed = screen.getByRole('region', { name: '遗漏的要点（1/3）' });
    expect(missed.textContent).toContain('感受野与5的卷积核相同，但参数数量仅仅为9个');
    fireEvent.click(within(missed).getByRole('button', { name: '在笔记中查看' }));
    expect(onShowReference).toHaveBeenCalledWith(grade.keyPoints[2]!.text);
  });

  it('shows the tutor’s advice and the follow-up question', () => {
    renderCard();
    expect(screen.getByText('举一个具体的扩张率例子会更有说服力。')).toBeTruthy();
    expect(screen.getByTestId('follow-up').textContent).toContain('那扩张为2的3×3卷积核的感受野是多少？');
  });

  it('shows the follow-up actually asked when the session chose a different one, and none when it asked none', () => {
    const { rerender } = renderCard({ followUp: '空洞卷积有什么缺点？' });
    expect(screen.getByTestId('follow-up').textContent).toContain('空洞卷积有什么缺点？');
    rerender(
      <I18nProvider initial="zh">
        <FeedbackCard grade={grade} followUp={null} />
      </I18nProvider>,
    );
    expect(screen.queryByTestId('follow-up')).toBeNull();
  });

  it('lists the statements the notes contradict, the candidate’s words beside what the notes say', () => {
    renderCard({ grade: { ...grade, corrections: [{ said: '空洞卷积会减小感受野', notes: '空洞卷积在参数不变时增大感受野。' }] } });
    const wrong = screen.getByRole('region', { name: '说错的地方（1）' });
    expect(within(wrong).getByText('空洞卷积会减小感受野').tagName).toBe('MARK');
    expect(wrong.textContent).toContain('笔记里是：空洞卷积在参数不变时增大感受野。');
  });

  it('shows no such list when nothing was found wrong', () => {
    renderCard();
    expect(screen.queryByTestId('corrections')).toBeNull();
  });

  it('opens the reference section from "show reference"', () => {
    const onShowReference = vi.fn();
    renderCard({ onShowReference });
    fireEvent.click(screen.getByRole('button', { name: '查看参考答案' }));
    expect(onShowReference).toHaveBeenCalledWith();
  });

  it('says a question without a reference answer is not scored', () => {
    renderCard({ grade: { ...grade, score: null, verdict: 'no_reference', keyPoints: [], feedback: '', followUp: undefined } as GradeView });
    expect(screen.getByRole('img', { name: '未评分' })).toBeTruthy();
    expect(screen.getByText('笔记无参考答案，未评分')).toBeTruthy();
  });

  it('renders a key point holding HTML as text', () => {
    const hostile: GradeView = { ...grade, keyPoints: [{ text: '<img src=x onerror=alert(1)><script>alert(1)</script>', status: 'missed', weight: 1 }] };
    const { container } = renderCard({ grade: hostile });
    expect(container.querySelector('script, img')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('speaks English when asked', () => {
    renderCard({ onShowReference: () => {} }, 'en');
    expect(screen.getByRole('img', { name: '6.5 out of 10' })).toBeTruthy();
    expect(screen.getByText('Partly there')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Show reference' })).toBeTruthy();
  });
});

describe('tidyExcerpt', () => {
  it('drops a bold marker left unpaired by cutting a key point out of a bold paragraph', () => {
    expect(tidyExcerpt('**Pooling 层的反向传播需要保证梯度总和不变。')).toBe('Pooling 层的反向传播需要保证梯度总和不变。');
    expect(tidyExcerpt('保留 **成对** 的标记')).toBe('保留 **成对** 的标记');
  });
});
