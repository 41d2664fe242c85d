import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';

import { executeCommand } from './commands';
import { notebookJSON } from './notebooks';

/**
 * Two views of one notebook (New View for Notebook) share one Fresh model, but each has its
 * own active cell: the commands act in the view the user is in, not in the first one opened.
 */

// Galata's kernel route mock answers every POST under /api/kernels/<id> with 201, which breaks
// kernel restarts (JupyterLab expects 200); sessions are still tracked and cleaned up.
test.use({ kernels: null });

const SOURCES = ['x = 1', 'y = x + 1', 'z = y * 2', 'w = 5'];

/** The active cell index of each view of the notebook at `path`, in the order they opened. */
async function activeCells(
  page: IJupyterLabPageFixture,
  path: string
): Promise<number[]> {
  return page.evaluate(path => {
    const views = [...window.jupyterapp.shell.widgets('main')].filter(
      widget =>
        (widget as unknown as { context?: { path: string } }).context?.path ===
        path
    ) as unknown as { content: { activeCellIndex: number } }[];
    return views.map(view => view.content.activeCellIndex);
  }, path);
}

/** Makes cell `index` active in view `view` (0: the first opened), and that view current. */
async function selectIn(
  page: IJupyterLabPageFixture,
  path: string,
  view: number,
  index: number
): Promise<void> {
  await page.evaluate(
    ({ path, view, index }) => {
      const app = window.jupyterapp;
      const views = [...app.shell.widgets('main')].filter(
        widget =>
          (widget as unknown as { context?: { path: string } }).context
            ?.path === path
      ) as unknown as { id: string; content: { activeCellIndex: number } }[];
      views[view].content.activeCellIndex = index;
      app.shell.activateById(views[view].id);
    },
    { path, view, index }
  );
}

/** The execution count of each cell of the notebook's model (shared by its views). */
async function executionCounts(
  page: IJupyterLabPageFixture
): Promise<(number | null)[]> {
  return page.evaluate(() => {
    const panel = window.jupyterapp.shell.currentWidget as unknown as {
      context: {
        model: {
          cells: {
            length: number;
            get(i: number): { executionCount?: number | null };
          };
        };
      };
    };
    const cells = panel.context.model.cells;
    const counts: (number | null)[] = [];
    for (let i = 0; i < cells.length; i++) {
      counts.push(cells.get(i).executionCount ?? null);
    }
    return counts;
  });
}

test('Run What This Cell Needs and Go to Cell act in the view the user is in', async ({
  page,
  tmpPath
}) => {
  const path = `${tmpPath}/views.ipynb`;
  await page.contents.uploadContent(notebookJSON(SOURCES), 'text', path);
  await page.notebook.openByPath(path);
  await page.notebook.activate('views.ipynb');
  await page.locator('#jp-main-statusbar >> text=Idle').waitFor();
  await executeCommand(page, 'docmanager:clone');
  await expect.poll(() => activeCells(page, path)).toHaveLength(2);

  // The first view's active cell is c1; the user is in the second, on c3.
  await selectIn(page, path, 0, 0);
  await selectIn(page, path, 1, 2);
  await executeCommand(page, 'jupyterlab-fresh:run-cell-needs');
  await expect
    .poll(async () => (await executionCounts(page)).map(n => n !== null))
    .toEqual([true, true, true, false]);

  // Go to Cell moves the second view, where the user is; the first keeps its cell.
  await selectIn(page, path, 0, 0);
  await selectIn(page, path, 1, 1);
  await executeCommand(page, 'jupyterlab-fresh:jump-to-cell', {
    cellId: 'c4'
  });
  expect(await activeCells(page, path)).toEqual([0, 3]);
});
