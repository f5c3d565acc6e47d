import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { helpHref, type HelpTopic } from '@/lib/help/topics';

/**
 * The link from a page to the quick start that explains it (/help#topic):
 * one small line at the top of the content, not printed.
 */
export function HelpLink({ topic }: { topic: HelpTopic }) {
  const t = useTranslations('help');
  return (
    <p className="no-print help-link">
      <Link href={helpHref(topic)} prefetch={false} data-testid="help-link">
        <span aria-hidden="true" className="help-link-icon">
          ?
        </span>
        {t('linkTo', { topic: t(`sections.${topic}.title`) })}
      </Link>
    </p>
  );
}
