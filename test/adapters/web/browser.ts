import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export { CHROMIUM, launchChromium } from '../../../tools/chromium';

/** WCAG 2.1 level A and AA rules of axe-core: the violations on the page as it is now. */
export async function wcagViolations(page: Page): Promise<Array<{ id: string; nodes: string[] }>> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Presses Tab until focus comes back round, and returns every link it reached, in order. */
export async function linksReachedByKeyboard(page: Page, limit = 300): Promise<string[]> {
  const reached: string[] = [];
  await page.locator('body').focus();
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    // A string expression: the tests are compiled without the DOM's types.
    const href = await page.evaluate<string | null>(`(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      return el.tagName === 'A' ? el.getAttribute('href') : '<' + el.tagName.toLowerCase() + '>';
    })()`);
    if (href === null || (reached.length > 0 && href === reached[0])) break;
    reached.push(href);
  }
  return reached.filter((h) => !h.startsWith('<'));
}
