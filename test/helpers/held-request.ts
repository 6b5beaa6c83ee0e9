import type { Page } from 'playwright';

/**
 * Holds the page's requests to `pattern` at the server's door until
 * released: a small workspace verifies too fast to see (or cancel) the
 * running state otherwise. `release` lets them through and stops holding.
 */
export async function holdRequests(page: Page, pattern: string): Promise<{ release(): Promise<void> }> {
  let open = () => {};
  const held = new Promise<void>((r) => (open = r));
  await page.route(pattern, async (route) => {
    await held;
    await route.continue();
  });
  return {
    release: async () => {
      open();
      await page.unroute(pattern);
    },
  };
}
