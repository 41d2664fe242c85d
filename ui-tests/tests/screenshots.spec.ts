import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';

import { CELL } from './cells';
import { executeCommand } from './commands';

/**
 * Makes the README screenshots (light and dark theme) of the demo notebook with every kind of
 * badge, the popup of one badge open and the Fresh panel beside it. The demo's saved history
 * tells its story (deleted code, out of order, edited, a stale chain); cells added below it and
 * run in a real kernel show the other kinds. The uploaded copy is changed, never
 * examples/demo.ipynb. Runs only with FRESH_SCREENSHOTS=1 (`jlpm screenshots` in ui-tests/).
 */
test.skip(
  !process.env.FRESH_SCREENSHOTS,
  'screenshots: set FRESH_SCREENSHOTS=1'
);
test.use({ kernels: null, viewport: { width: 1400, height: 1100 } });

const DEMO = path.resolve(__dirname, '..', '..', 'examples', 'demo.ipynb');
const DOCS = path.resolve(__dirname, '..', '..', 'docs');

// Cells: 0 title, 1 imports, 2 data, 3 md, 4 clean, 5 md, 6 fit, 7 features, 8 summary, 9 roi.
/** Added below the demo's cells; run as `addRuns` says. */
const ADDED = [
  'weekly_budget = ad_budget * 7',
  'ad_budget = 1000',
  'from statistics import *',
  'print(f"{weekly_budget} a week")',
  'ad_costs = open("ad_costs.csv").read()'
];
/** The first flag of each cell's badge once the added cells ran ('' for none). */
const KINDS = [
  '',
  '',
  '',
  '',
  'deleted-code',
  '',
  'stale',
  '',
  'stale',
  'stale',
  'out-of-order',
  'edited',
  'opaque',
  'never-run',
  'error'
];

test('README screenshots', async ({ page, tmpPath }) => {
  test.setTimeout(300000);
  await page.contents.uploadFile(DEMO, `${tmpPath}/demo.ipynb`);
  await page.notebook.openByPath(`${tmpPath}/demo.ipynb`);
  await page.notebook.activate('demo.ipynb');
  await page.locator('#jp-main-statusbar >> text=Idle').waitFor();
  for (const source of ADDED) {
    await page.notebook.addCell('code', source);
  }
  // `ad_budget` set below the cell that reads it, then edited; the `print` never runs. The
  // error comes last: its traceback can go past the bottom of the screenshot.
  for (const index of [11, 10, 12, 14]) {
    await page.notebook.runCell(index, true);
  }
  await page.notebook.setCell(11, 'code', 'ad_budget = 1500');
  await expect
    .poll(
      () =>
        page.evaluate(
          cells =>
            [...document.querySelectorAll(cells)].map(
              cell =>
                cell
                  .querySelector<HTMLElement>(':scope > .jp-Fresh-badge')
                  ?.getAttribute('data-fresh-flag') ?? ''
            ),
          CELL
        ),
      { timeout: 30000 }
    )
    .toEqual(KINDS);
  await executeCommand(page, 'jupyterlab-fresh:open-panel');
  await page.notebook.selectCells(6);
  const shoot = async (file: string) => {
    // A scroll hides the popup; the pointer leaves the badge so that it can enter it again.
    await page.mouse.move(700, 5);
    // From the first badge (deleted code) down.
    await page
      .locator(CELL)
      .nth(4)
      .evaluate(node => node.scrollIntoView({ block: 'start' }));
    await page.locator(CELL).nth(6).locator('.jp-Fresh-badge').hover();
    await page.locator('.jp-Fresh-tooltip').waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(DOCS, file) });
  };
  await shoot('fresh-light.png');
  await executeCommand(page, 'apputils:change-theme', {
    theme: 'JupyterLab Dark'
  });
  await page.waitForTimeout(1500);
  await shoot('fresh-dark.png');
  await executeCommand(page, 'apputils:change-theme', {
    theme: 'JupyterLab Light'
  });
});
