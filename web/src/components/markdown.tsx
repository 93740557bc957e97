// Renders untrusted markdown (notes, answers) safely: no raw HTML, no remote images, and [n] as citation chips.

import type { Link, Parent, Root, RootContent, Text } from 'mdast';
import Markdown, { type Components } from 'react-markdown';
import { useI18n } from '../i18n.js';

const CITE_HREF = /^#cite-(\d+)$/;
const CITE_TEXT = /\[(\d{1,3})\]/g;

/** Splits `[n]` out of text nodes into links to `#cite-n` (code, existing links and references are left alone). */
export function remarkCitations() {
  return (tree: Root) => {
    splitCitations(tree);
  };
}

function splitCitations(node: Parent): void {
  const children: RootContent[] = [];
  for (const child of node.children as RootContent[]) {
    if (child.type === 'text') children.push(...citeParts(child));
    else {
      if ('children' in child && child.type !== 'link' && child.type !== 'linkReference') splitCitations(child);
      children.push(child);
    }
  }
  node.children = children as Parent['children'];
}

function citeParts(node: Text): RootContent[] {
  const parts: RootContent[] = [];
  let last = 0;
  for (const match of node.value.matchAll(CITE_TEXT)) {
    const at = match.index;
    if (at > last) parts.push({ type: 'text', value: node.value.slice(last, at) });
    const link: Link = { type: 'link', url: `#cite-${match[1]}`, children: [{ type: 'text', value: match[1] ?? '' }] };
    parts.push(link);
    last = at + match[0].length;
  }
  if (parts.length === 0) return [node];
  if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
  return parts;
}

export interface CitationTarget {
  n: number;
  heading: string;
}

interface Props {
  children: string;
  /** Sources the text may cite as `[n]`; without them `[n]` stays plain text. */
  citations?: CitationTarget[];
  onCite?: (n: number) => void;
  className?: string;
}

export function SafeMarkdown({ children, citations, onCite, className }: Props) {
  const { t } = useI18n();
  const byNumber = new Map((citations ?? []).map((c) => [c.n, c]));
  const components: Components = {
    a: ({ href, children: label }) => {
      const cite = href ? CITE_HREF.exec(href) : null;
      if (cite) {
        const n = Number(cite[1]);
        const target = byNumber.get(n);
        if (!citations) return <>[{label}]</>;
        if (!target || !onCite) {
          return (
            <span className="cite cite-missing" title={t('citeMissing')}>
              {n}
            </span>
          );
        }
        return (
          <button type="button" className="cite" onClick={() => onCite(n)} aria-label={t('citeOpen', { n, heading: target.heading })} title={target.heading}>
            {n}
          </button>
        );
      }
      if (!href) return <>{label}</>;
      return (
        <a href={href} target="_blank" rel="noopener noreferrer nofollow">
          {label}
        </a>
      );
    },
    // Images from notes would load remote content; show their description instead.
    img: ({ alt }) => <span className="badge">{t('imageOmitted', { alt: alt ?? '' })}</span>,
  };
  return (
    <div className={className ? `markdown ${className}` : 'markdown'}>
      <Markdown remarkPlugins={[remarkCitations]} components={components}>
        {children}
      </Markdown>
    </div>
  );
}
