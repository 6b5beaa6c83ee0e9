import type { Page } from 'playwright';

/**
 * Holds the page's requests to `pattern` at the server's door until
 * released: a small workspace verifies too fast to see (or cancel) the
 * running state otherwise. `release` lets them through, waits until they
 * have gone on, and stops holding.
 */
export async function holdRequests(page: Page, pattern: string): Promise<{ release(): Promise<void> }> {
  let open = () => {};
  const held = new Promise<void>((r) => (open = r));
  const passing: Promise<void>[] = [];
  await page.route(pattern, (route) => {
    const passed = held.then(() => route.continue());
    passing.push(passed);
    return passed;
  });
  return {
    release: async () => {
      open();
      await Promise.all(passing);
      await page.unroute(pattern);
    },
  };
}
