/**
 * A bar chart drawn on the server as SVG (shows without JavaScript): one bar
 * a value, its figure above it and its label below, named for assistive
 * technology by its title and description. The page gives the same figures
 * as a table beside it: a chart never stands alone.
 */
export function BarChart({ bars, title, description, id }: { bars: { label: string; value: number; figure: string }[]; title: string; description: string; id: string }) {
  const width = 720;
  const height = 220;
  const top = 24;
  const bottom = 36;
  const slot = width / Math.max(1, bars.length);
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const scale = (value: number) => ((height - top - bottom) * value) / max;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="h-auto w-full max-w-3xl" data-testid="chart">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <line x1="0" x2={width} y1={height - bottom} y2={height - bottom} stroke="#94a3b8" />
      {bars.map((bar, index) => {
        const barHeight = scale(bar.value);
        const x = index * slot + slot * 0.2;
        return (
          <g key={bar.label}>
            <rect x={x} y={height - bottom - barHeight} width={slot * 0.6} height={barHeight} fill="#1d4ed8" />
            <text x={x + slot * 0.3} y={height - bottom - barHeight - 6} textAnchor="middle" fontSize="13" fill="#0f172a">
              {bar.figure}
            </text>
            <text x={x + slot * 0.3} y={height - bottom + 18} textAnchor="middle" fontSize="12" fill="#334155">
              {bar.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
