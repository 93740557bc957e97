// Horizontal bars of 0–10 scores per topic (recharts), coloured by the grader's bands; loaded lazily.

import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useMediaQuery } from '../hooks/use-media-query.js';
import type { Lang } from '../i18n.js';
import { formatScore, scoreTone } from './score.js';

const TONE_FILL = { good: '#2d7a4b', mid: '#a86a12', bad: '#b03a3a', none: '#cfc8ba' } as const;

export interface TopicScoreChartProps {
  data: { name: string; score: number | null }[];
  lang: Lang;
  /** What the value is called in the tooltip (score, mastery). */
  valueLabel: string;
}

export default function TopicScoreChart({ data, lang, valueLabel }: TopicScoreChartProps) {
  const rows = data.map((d) => ({ name: d.name, score: d.score ?? 0, raw: d.score }));
  const height = Math.max(160, rows.length * 44 + 40);
  const narrow = useMediaQuery('(max-width: 520px)');
  const axisWidth = lang === 'zh' ? (narrow ? 84 : 120) : narrow ? 100 : 150;
  return (
    <div className="chart-box" style={{ height }} role="img" aria-label={data.map((d) => `${d.name} ${formatScore(d.score)}`).join(lang === 'zh' ? '，' : ', ')}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 36, bottom: 4, left: 8 }}>
          <CartesianGrid horizontal={false} stroke="#e2ddd2" />
          <XAxis type="number" domain={[0, 10]} ticks={[0, 2, 4, 6, 8, 10]} tick={{ fill: '#5d6470', fontSize: 12 }} />
          <YAxis type="category" dataKey="name" width={axisWidth} tick={{ fill: '#22262e', fontSize: narrow ? 12 : 13 }} />
          <Tooltip formatter={(value) => [formatScore(Number(value)), valueLabel]} cursor={{ fill: 'rgba(47,93,98,0.06)' }} />
          <Bar dataKey="score" radius={[0, 6, 6, 0]} barSize={22} isAnimationActive={false}>
            {rows.map((r) => (
              <Cell key={r.name} fill={TONE_FILL[scoreTone(r.raw)]} />
            ))}
            <LabelList dataKey="raw" position="right" formatter={(value) => formatScore(value as number | null)} style={{ fill: '#22262e', fontSize: 12, fontWeight: 600 }} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

