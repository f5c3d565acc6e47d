/**
 * Which expiry notice a subscription is due: the smallest notice
 * threshold (days before the expiration, NOTICE_THRESHOLDS) that the days
 * left have reached, or `expired` once the date has passed. Days are counted
 * as the inventory counts them (lib/clock.ts daysBetween, the same rule as
 * lib/inventory/rules.ts expiryStatus), so an e-mail and the page agree.
 */
import { daysBetween } from '@/lib/clock';

/** An expiration older than this is not announced any more (a first run does not mail years of history). */
export const EXPIRED_NOTICE_DAYS = 30;

export type NoticeThreshold = string;

/** `thresholds` in days, any order; null when no notice is due. */
export function dueThreshold(today: string, expiresOn: string, thresholds: readonly number[]): NoticeThreshold | null {
  const days = daysBetween(today, expiresOn);
  if (days < 0) return days >= -EXPIRED_NOTICE_DAYS ? 'expired' : null;
  const reached = thresholds.filter((threshold) => days <= threshold);
  return reached.length > 0 ? String(Math.min(...reached)) : null;
}

/** The window of expiration dates that can be due today: from EXPIRED_NOTICE_DAYS ago to the largest threshold ahead. */
export function noticeWindow(thresholds: readonly number[]): { pastDays: number; aheadDays: number } {
  return { pastDays: EXPIRED_NOTICE_DAYS, aheadDays: Math.max(0, ...thresholds) };
}
