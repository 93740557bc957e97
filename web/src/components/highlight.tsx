// Shows a text with given phrases marked (the candidate's words that matched a key point).

import type { ReactNode } from 'react';

export interface Range {
  start: number;
  end: number;
}

/** Where each phrase occurs in the text (first occurrence, case-insensitive), merged where they overlap. */
export function findRanges(text: string, phrases: readonly string[]): Range[] {
  const lower = text.toLowerCase();
  const ranges: Range[] = [];
  for (const phrase of phrases) {
    const needle = phrase.trim().toLowerCase();
    if (!needle) continue;
    const at = lower.indexOf(needle);
    if (at !== -1) ranges.push({ start: at, end: at + needle.length });
  }
  ranges.sort((a, b) => a.start - b.start);
  const merged: Range[] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

export function Highlighted({ text, phrases }: { text: string; phrases: readonly string[] }) {
  const ranges = findRanges(text, phrases);
  const parts: ReactNode[] = [];
  let at = 0;
  ranges.forEach((r, i) => {
    if (r.start > at) parts.push(text.slice(at, r.start));
    parts.push(<mark key={i}>{text.slice(r.start, r.end)}</mark>);
    at = r.end;
  });
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
