import '@jupyterlab/galata';
import { expect, Page, test } from '@playwright/test';

import { allBadgeFlags, CELL } from './cells';
import { notebookJSON } from './notebooks';

/**
 * Real-time collaboration (FRESH_UI=collaboration: jupyter-collaboration installed): two
 * browser contexts on one notebook and one kernel. Runs started by either user are recorded
 * once in each, both see the same flags, the `fresh` metadata is written once per save with no
 * echo between the clients, and a reloaded client keeps the history.
 */

// Plain Playwright pages (the import above only types `window.jupyterapp`): Galata's page
// fixture opens its temporary folder through the collaborative drive, which at times does not
// see a folder just created ("Could not find path").

const SOURCES = ['x = 1', 'y = x + 1', 'print(y)'];

/** The cells of the timeline, newest first. */
async function timeline(page: Page): Promise<string[]> {
  return page
    .locator('#jp-Fresh-panel .jp-Fresh-execution')
    .evaluateAll(items =>
      items.map(item => (item as HTMLElement).dataset.freshCell ?? '')
    );
}

/** Runs cell i from the page's own notebook view. */
async function runCell(page: Page, i: number): Promise<void> {
  await page.evaluate(async i => {
    const app = window.jupyterapp;
    const panel = app.shell.currentWidget as unknown as {
      content: { activeCellIndex: number };
    };
    panel.content.activeCellIndex = i;
    await app.commands.execute('notebook:run-cell');
  }, i);
}

/** Opens the notebook in a client's page and waits for its kernel and the panel. */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(`lab/tree/${path}`);
  await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
  await page
    .locator(CELL)
    .nth(SOURCES.length - 1)
    .waitFor();
  await page.locator('#jp-main-statusbar >> text=Idle').waitFor();
  await page.evaluate(() =>
    window.jupyterapp.commands.execute('jupyterlab-fresh:open-panel')
  );
}

/** Counts the changes of the `fresh` metadata the page's notebook model sees from now on. */
async function countFreshWrites(page: Page): Promise<void> {
  await page.evaluate(() => {
    const panel = window.jupyterapp.shell.currentWidget as unknown as {
      context: {
        model: {
          metadataChanged: {
            connect(
              slot: (sender: unknown, change: { key: string }) => void
            ): void;
          };
        };
      };
    };
    const counter = window as unknown as { freshWrites: number };
    counter.freshWrites = 0;
    panel.context.model.metadataChanged.connect((_, change) => {
      if (change.key === 'fresh') {
        counter.freshWrites++;
      }
    });
  });
}

async function freshWrites(page: Page): Promise<number> {
  return page.evaluate(
    () => (window as unknown as { freshWrites: number }).freshWrites
  );
}

test('two collaborators: runs recorded once, same flags, one write per save, history after a reload', async ({
  browser,
  baseURL
}) => {
  const path = `fresh-together-${Date.now()}.ipynb`;
  const page = await (await browser.newContext({ baseURL })).newPage();
  const created = await page.request.put(`/api/contents/${path}`, {
    data: {
      type: 'notebook',
      format: 'json',
      content: JSON.parse(notebookJSON(SOURCES))
    }
  });
  expect(created.ok()).toBe(true);
  await open(page, path);
  const other = await (await browser.newContext({ baseURL })).newPage();
  await open(other, path);
  // One kernel for both.
  const kernelOf = (p: Page) =>
    p.evaluate(async path => {
      const session =
        await window.jupyterapp.serviceManager.sessions.findByPath(path);
      return session?.kernel?.id ?? '';
    }, path);
  expect(await kernelOf(page)).not.toBe('');
  expect(await kernelOf(other)).toBe(await kernelOf(page));

  // Each user runs cells; both record every run, once.
  await runCell(page, 0);
  await expect
    .poll(() => allBadgeFlags(other, SOURCES.length))
    .toEqual(['', 'never-run', 'never-run']);
  await runCell(other, 1);
  await runCell(other, 2);
  for (const p of [page, other]) {
    await expect
      .poll(() => allBadgeFlags(p, SOURCES.length))
      .toEqual(['', '', '']);
    await expect.poll(() => timeline(p)).toEqual(['c3', 'c2', 'c1']);
  }

  // An edit by one is seen by both; a run of it makes the readers stale for both.
  await page.evaluate(() => {
    const panel = window.jupyterapp.shell.currentWidget as unknown as {
      content: {
        model: {
          cells: {
            get(i: number): { sharedModel: { setSource(s: string): void } };
          };
        };
      };
    };
    panel.content.model.cells.get(0).sharedModel.setSource('x = 10');
  });
  for (const p of [page, other]) {
    await expect
      .poll(async () => (await allBadgeFlags(p, SOURCES.length))[0])
      .toContain('edited');
  }
  await runCell(other, 0);
  for (const p of [page, other]) {
    await expect
      .poll(() => allBadgeFlags(p, SOURCES.length))
      .toEqual(['', 'stale', 'stale']);
    await expect.poll(() => timeline(p)).toEqual(['c1', 'c3', 'c2', 'c1']);
  }

  // A save by one writes the history once; the other client does not write it back.
  await countFreshWrites(page);
  await countFreshWrites(other);
  await page.evaluate(() =>
    window.jupyterapp.commands.execute('docmanager:save')
  );
  await expect.poll(() => freshWrites(other)).toBe(1);
  // Quiet for a while: an echo would show up as more writes.
  await page.waitForTimeout(3000);
  expect(await freshWrites(page)).toBe(1);
  expect(await freshWrites(other)).toBe(1);
  const saved = await page.evaluate(async path => {
    const model = await window.jupyterapp.serviceManager.contents.get(path);
    const fresh = (
      model.content as {
        metadata: {
          fresh?: { history?: { executions?: { cellId: string }[] } };
        };
      }
    ).metadata.fresh;
    return (fresh?.history?.executions ?? []).map(run => run.cellId);
  }, path);
  expect(saved).toEqual(['c1', 'c2', 'c3', 'c1']);

  // The second client reloads: the history comes back and the kernel is still the live one.
  await other.reload();
  await open(other, path);
  await expect.poll(() => timeline(other)).toEqual(['c1', 'c3', 'c2', 'c1']);
  await expect
    .poll(() => allBadgeFlags(other, SOURCES.length))
    .toEqual(['', 'stale', 'stale']);
  expect(await allBadgeFlags(page, SOURCES.length)).toEqual([
    '',
    'stale',
    'stale'
  ]);
  await other.context().close();
  await page.context().close();
});
