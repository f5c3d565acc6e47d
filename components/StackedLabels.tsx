import { stackedLabelsHref } from '@/lib/ui/stacked-labels';

/**
 * The labels of a list's cells while its rows are stacked cards on a phone:
 * a style sheet per set of headings (app/(portal)/table-labels.css), linked
 * once a page however many tables share it — React hoists a style sheet with
 * a `precedence` into the head and de-duplicates it by address — instead of a
 * label written on every cell of every row.
 */
export function StackedLabels({ className, body, footer }: { className: string; body: string[]; footer?: string[] }) {
  return <link rel="stylesheet" href={stackedLabelsHref(className, body, footer)} precedence="stacked-labels" />;
}
