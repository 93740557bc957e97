// Small display helpers: question titles, durations, dates in the reader's language.

import type { Lang } from './i18n.js';

/** The heading without its leading number (`11. 空洞卷积` → `空洞卷积`), as the tutor asks it. */
export function questionTitle(heading: string): string {
  return heading.replace(/^\s*\d+\s*[.、)）]\s*/, '').trim() || heading;
}

/** `m:ss`, or `h:mm:ss` past an hour. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** A spoken-style duration: `2 分 5 秒` / `2 min 5 s`. */
export function duration(ms: number | null | undefined, lang: Lang): string {
  if (ms === null || ms === undefined) return '—';
  const total = Math.round(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  if (lang === 'zh') return m > 0 ? `${m} 分 ${s} 秒` : `${s} 秒`;
  return m > 0 ? `${m} min ${s} s` : `${s} s`;
}

export function dateTime(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** Markdown reduced to plain text for one-line previews: no emphasis, heading or list markers. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/[*_`]+/g, '')
    .replace(/^\s*(?:#{1,6}|[-+>]|\d+[.、)])\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}
