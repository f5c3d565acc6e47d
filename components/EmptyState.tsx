import Link from 'next/link';

export type EmptyStateProps = {
  /** What is missing, in the reader's words. */
  title: string;
  /** Why, or what to try. */
  hint?: string;
  /** The next step (clear the search, pick another account). */
  action?: { href: string; label: string };
  testId?: string;
  className?: string;
};

/** An empty list: says what is missing and offers the next step, in place of the table. */
export function EmptyState({ title, hint, action, testId, className = 'mt-3' }: EmptyStateProps) {
  return (
    <div className={`${className} rounded border border-dashed border-slate-300 bg-white p-6 text-center`} data-testid={testId}>
      <p className="font-medium">{title}</p>
      {hint && <p className="mt-1 text-sm text-slate-600">{hint}</p>}
      {action && (
        <Link href={action.href} className="mt-2 inline-block text-sm link">
          {action.label}
        </Link>
      )}
    </div>
  );
}
