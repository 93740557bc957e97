// @vitest-environment jsdom
// Notes and answers are untrusted: markdown must render HTML as text, and [n] only as citation chips.

import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SafeMarkdown } from '../../web/src/components/markdown.js';
import { I18nProvider } from '../../web/src/i18n.js';

afterEach(cleanup);

const HOSTILE = '池化的作用 <script>alert(1)</script> 以及 <img src=x onerror=alert(1)> 见 [1]。';

function renderMarkdown(text: string, props: Partial<Parameters<typeof SafeMarkdown>[0]> = {}) {
  return render(
    <I18nProvider initial="zh">
      <SafeMarkdown {...props}>{text}</SafeMarkdown>
    </I18nProvider>,
  );
}

describe('SafeMarkdown', () => {
  it('shows <script> and <img onerror> in a note as text and creates no such elements', () => {
    const { container } = renderMarkdown(HOSTILE, { citations: [{ n: 1, heading: '4. pooling的作用和缺点' }], onCite: () => {} });
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('[onerror]')).toBeNull();
    expect(container.textContent).toContain('<script>alert(1)</script>');
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('renders a block of raw HTML as text too', () => {
    const { container } = renderMarkdown('<div onclick="alert(1)"><script>alert(2)</script></div>\n\n<iframe src="https://example.com"></iframe>');
    expect(container.querySelector('div[onclick], script, iframe')).toBeNull();
    expect(container.textContent).toContain('<iframe src="https://example.com"></iframe>');
  });

  it('turns [n] into a chip that opens citation n', () => {
    const onCite = vi.fn();
    renderMarkdown('空洞卷积增大感受野 [1]，参数不变 [2]。', {
      citations: [
        { n: 1, heading: '11. 卷积神经网络中空洞卷积的作用是什么' },
        { n: 2, heading: '47. 空洞卷积' },
      ],
      onCite,
    });
    const chip = screen.getByRole('button', { name: '打开引用 [2]：47. 空洞卷积' });
    expect(chip.textContent).toBe('2');
    fireEvent.click(chip);
    expect(onCite).toHaveBeenCalledWith(2);
  });

  it('marks a citation number with no source as missing instead of a button', () => {
    const { container } = renderMarkdown('见 [7]。', { citations: [{ n: 1, heading: 'x' }], onCite: () => {} });
    expect(screen.queryByRole('button')).toBeNull();
    expect(container.querySelector('.cite-missing')?.textContent).toBe('7');
  });

  it('leaves [n] as plain text where no citations are given (a note section)', () => {
    const { container } = renderMarkdown('数组下标 a[0] 和引用 [1]');
    expect(screen.queryByRole('button')).toBeNull();
    expect(container.textContent).toBe('数组下标 a[0] 和引用 [1]');
  });

  it('does not turn [n] inside code into a chip', () => {
    renderMarkdown('`x[1]` 和 [1]', { citations: [{ n: 1, heading: 'h' }], onCite: () => {} });
    expect(screen.getAllByRole('button')).toHaveLength(1);
    expect(screen.getByText('x[1]').tagName).toBe('CODE');
  });

  it('drops javascript: links and opens other links in a new tab without an opener', () => {
    const { container } = renderMarkdown('[bad](javascript:alert(1)) and [good](https://example.com/a)');
    const links = [...container.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/a']);
    expect(links[0]?.getAttribute('rel')).toContain('noopener');
    expect(container.textContent).toContain('bad');
  });

  it('shows a markdown image as its description instead of loading it', () => {
    const { container } = renderMarkdown('![网络结构](https://tracker.example/pixel.png)');
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('网络结构');
  });
});
