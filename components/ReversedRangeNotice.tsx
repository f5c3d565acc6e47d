import Link from 'next/link';
import { Notice } from './Notice';

/** True when a date range starts after it ends (ISO dates compare as text): such a range finds nothing. */
export function isReversedRange(from: string | undefined, to: string | undefined): boolean {
  return Boolean(from && to && from > to);
}

/**
 * A date range typed the wrong way round finds nothing: said in words, with a
 * link to the same search with the range the other way round.
 */
export function ReversedRangeNotice({ text, swapLabel, swapHref, testId }: { text: string; swapLabel: string; swapHref: string; testId: string }) {
  return (
    <Notice>
      <span data-testid={testId}>{text}</span>{' '}
      <Link href={swapHref} className="link">
        {swapLabel}
      </Link>
    </Notice>
  );
}
