import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';

const DEMO = path.resolve(__dirname, '..', '..', 'examples', 'demo.ipynb');

// Load the page ourselves so that console messages of the extension's activation are caught.
test.use({ autoGoto: false });

test('the Fresh panel opens from the palette and activation logs no error', async ({
  page,
  tmpPath
}) => {
  const errors: string[] = [];
  const uncaught: string[] = [];
  page.on('console', message => {
    if (message.type() === 'error') {
      errors.push(message.text());
    }
  });
  page.on('pageerror', error =>
    uncaught.push(`${error.message}\n${error.stack}`)
  );

  await page.contents.uploadFile(DEMO, `${tmpPath}/demo.ipynb`);
  await page.goto(`tree/${tmpPath}`);
  expect(
    await page.evaluate(() =>
      window.jupyterapp.isPluginActivated('jupyterlab-fresh:panel')
    )
  ).toBe(true);

  await page.notebook.openByPath(`${tmpPath}/demo.ipynb`);
  await page.notebook.activate('demo.ipynb');

  await page.locator('#jp-main-statusbar >> text=Idle').waitFor();
  // The palette closes when focus moves (the notebook takes it when its kernel is ready), so
  // open it again until it stays open.
  const search = page.locator('#modal-command-palette input');
  await expect(async () => {
    if (!(await search.isVisible())) {
      await page.keyboard.press('Control+Shift+C');
    }
    await search.fill('Open the Fresh Panel', { timeout: 2000 });
  }).toPass({ timeout: 60000 });
  await page.keyboard.press('Enter');

  const panel = page.locator('#jp-Fresh-panel');
  await expect(panel).toBeVisible();
  await expect(panel).toHaveAttribute('role', 'region');
  await expect(panel.locator('.jp-Fresh-panelTitle')).toHaveText('Fresh');
  // The demo opens in a new kernel with its saved history: its four problems, no "not run".
  await expect(panel.locator('.jp-Fresh-problems')).toHaveAttribute(
    'data-fresh-count',
    '4'
  );
  await expect(panel.locator('[data-fresh-group="never-run"]')).toHaveCount(0);

  await panel.screenshot({ path: test.info().outputPath('fresh-panel.png') });

  // JupyterLab names the plugin in activation failures ("Plugin 'jupyterlab-fresh:...' failed").
  expect(errors.filter(text => /fresh/i.test(text))).toEqual([]);
  expect(uncaught).toEqual([]);
});
