import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';
import { storageStatePath, type Role } from './users';

export { storageStatePath };

export function sessionOf(role: Role) {
  return { storageState: storageStatePath(role) };
}

/** WCAG 2.1 AA scan of the page as it is; fails with the list of violations. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(summary, 'accessibility violations').toEqual([]);
}

/**
 * The scan for a page shown without JavaScript: axe needs JavaScript, so the
 * page's server HTML is scanned in a second context where scripts may run but
 * the page's own scripts are blocked (what is scanned is what the no-JS
 * visitor got).
 */
export async function expectAccessibleWithoutJs(page: Page, browser: Browser) {
  const html = await page.content();
  const context = await browser.newContext({ javaScriptEnabled: true });
  try {
    const scan = await context.newPage();
    await scan.route('**/*', (route) => (route.request().resourceType() === 'script' ? route.abort() : route.continue()));
    await scan.goto(new URL('/api/health', page.url()).toString());
    await scan.setContent(html, { waitUntil: 'load' });
    await expectAccessible(scan);
  } finally {
    await context.close();
  }
}

/**
 * The tap targets smaller than 24 × 24 CSS px that WCAG 2.2 (2.5.8, AA) does
 * not excuse: a target is excused when it sits inline in a sentence, or when
 * a 24 px circle centred on it touches no other target (nor the circle of
 * another small one). Visually hidden elements (1 px) are not targets.
 */
export async function smallTapTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const MIN = 24;
    const visible = (element: Element) => {
      const rect = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      const clipped = style.clip === 'rect(0px, 0px, 0px, 0px)' || style.clipPath === 'inset(50%)';
      return rect.width > 1 && rect.height > 1 && !clipped && style.visibility !== 'hidden' && !element.closest('[aria-hidden=true], [hidden]');
    };
    const targets = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')].filter(visible);
    const rects = targets.map((element) => element.getBoundingClientRect());
    const center = (rect: DOMRect) => ({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
    const distanceToRect = (point: { x: number; y: number }, rect: DOMRect) =>
      Math.hypot(Math.max(rect.left - point.x, 0, point.x - rect.right), Math.max(rect.top - point.y, 0, point.y - rect.bottom));
    const small = (rect: DOMRect) => rect.width < MIN - 0.5 || rect.height < MIN - 0.5;
    // Inline in a sentence: an inline element whose block says more than the target itself.
    const inSentence = (element: Element) => {
      if (getComputedStyle(element).display !== 'inline') return false;
      const block = element.parentElement?.closest('p, li, td, th, dd, span, label, div');
      return !!block && (block.textContent ?? '').trim().length > (element.textContent ?? '').trim().length + 3;
    };
    const failures: string[] = [];
    targets.forEach((element, index) => {
      const rect = rects[index]!;
      if (!small(rect) || inSentence(element)) return;
      const mine = center(rect);
      const crowded = rects.some((other, j) => j !== index && (distanceToRect(mine, other) < MIN / 2 || (small(other) && Math.hypot(mine.x - center(other).x, mine.y - center(other).y) < MIN)));
      if (crowded) failures.push(`${element.tagName.toLowerCase()} "${(element.textContent || element.getAttribute('aria-label') || '').trim().slice(0, 40)}" ${Math.round(rect.width)}×${Math.round(rect.height)}`);
    });
    return failures;
  });
}

/**
 * The fields whose placeholder is wider than the field shows (a hint cut to
 * "Numéro de commar"): its text measured in the field's own font against the
 * field's inner width.
 */
export async function cutPlaceholders(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const context = document.createElement('canvas').getContext('2d')!;
    return [...document.querySelectorAll<HTMLInputElement>('input[placeholder]:not([type=hidden])')]
      .filter((input) => input.getBoundingClientRect().width > 1 && input.placeholder !== '')
      .flatMap((input) => {
        const style = getComputedStyle(input, '::placeholder');
        context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const inner = input.clientWidth - parseFloat(getComputedStyle(input).paddingLeft) - parseFloat(getComputedStyle(input).paddingRight);
        const needed = context.measureText(input.placeholder).width;
        return needed > inner ? [`${input.name || input.id}: "${input.placeholder}" needs ${Math.ceil(needed)} px, has ${Math.floor(inner)} px`] : [];
      });
  });
}

/**
 * Stricter than WCAG's spacing exception: every visible tap target (link,
 * button, field, summary) is itself at least 24 × 24 CSS px, however far from
 * the others; only a link inside a sentence keeps its line's height (WCAG's
 * inline exception). Visually hidden elements (1 px) are not targets.
 */
export async function undersizedTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const MIN = 24 - 0.5;
    const visible = (element: Element) => {
      const rect = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      const clipped = style.clip === 'rect(0px, 0px, 0px, 0px)' || style.clipPath === 'inset(50%)';
      return rect.width > 1 && rect.height > 1 && !clipped && style.visibility !== 'hidden' && !element.closest('[aria-hidden=true], [hidden]');
    };
    const inSentence = (element: Element) => {
      if (getComputedStyle(element).display !== 'inline') return false;
      const block = element.parentElement?.closest('p, li, td, th, dd, span, label, div');
      return !!block && (block.textContent ?? '').trim().length > (element.textContent ?? '').trim().length + 3;
    };
    return [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')]
      .filter(visible)
      .filter((element) => {
        const rect = element.getBoundingClientRect();
        return (rect.width < MIN || rect.height < MIN) && !inSentence(element);
      })
      .map((element) => {
        const rect = element.getBoundingClientRect();
        return `${element.tagName.toLowerCase()} "${(element.textContent || element.getAttribute('aria-label') || element.getAttribute('name') || '').trim().slice(0, 40)}" ${Math.round(rect.width)}×${Math.round(rect.height)}`;
      });
  });
}
