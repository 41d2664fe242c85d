import AxeBuilder from '@axe-core/playwright';
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as path from 'path';

import { executeCommand } from './commands';

/**
 * An axe-core scan of the demo notebook in a messy state (badges of several kinds, a badge's
 * popup open) beside the open Fresh panel, in the light and dark themes: no serious or
 * critical violation may come from an element of ours (see OURS).
 * Violations elsewhere belong to JupyterLab; they are attached to the report, not failed on.
 */

test.use({
  kernels: null,
  viewport: { width: 1400, height: 900 },
  // JupyterLab may take longer than Galata's 15 s to start on a loaded 2-core machine.
  waitForApplication: async ({}, use) => {
    await use(async (page, helpers) => {
      await page
        .locator('#jupyterlab-splash')
        .waitFor({ state: 'detached', timeout: 90000 });
      await helpers.waitForCondition(
        () => helpers.activity.isTabActive('Launcher'),
        90000
      );
    });
  }
});

/**
 * What Fresh draws: the panel, the badges and their popup. Cells get classes of ours too
 * (`jp-Fresh-flagged`), but their content is JupyterLab's.
 */
const OURS = '.jp-Fresh-panel, .jp-Fresh-badge, .jp-Fresh-tooltip';

const DEMO = path.resolve(__dirname, '..', '..', 'examples', 'demo.ipynb');

/** The demo's story: some cells run, the data cell edited and run again. */
async function messUp(page: IJupyterLabPageFixture): Promise<void> {
  // Cells: 0 title, 1 imports, 2 data, 3 md, 4 clean, 5 md, 6 fit, 7 features, 8 summary, 9 roi.
  for (const i of [1, 2, 7, 6, 9]) {
    await page.notebook.runCell(i, true);
  }
  // Typed into the editor, the new source would take minutes on a loaded machine.
  await page.evaluate(() => {
    const panel = window.jupyterapp.shell.currentWidget as unknown as {
      content: {
        model: {
          cells: {
            get(i: number): {
              sharedModel: {
                getSource(): string;
                setSource(s: string): void;
              };
            };
          };
        };
      };
    };
    const cell = panel.content.model.cells.get(2).sharedModel;
    cell.setSource(
      cell.getSource().replace('default_rng(7)', 'default_rng(8)')
    );
  });
  await page.notebook.runCell(2, true);
}

interface IFinding {
  rule: string;
  impact: string;
  help: string;
  target: string;
  ours: boolean;
}

/** Serious and critical violations, each node marked as ours or not. */
async function scan(page: IJupyterLabPageFixture): Promise<IFinding[]> {
  const results = await new AxeBuilder({ page }).analyze();
  const findings: IFinding[] = [];
  for (const violation of results.violations) {
    if (violation.impact !== 'serious' && violation.impact !== 'critical') {
      continue;
    }
    for (const node of violation.nodes) {
      const target = node.target.map(String).join(' ');
      const ours = await page
        .locator(String(node.target[node.target.length - 1]))
        .first()
        .evaluate((el, ours) => el.closest(ours) !== null, OURS)
        .catch(() => target.includes('jp-Fresh'));
      findings.push({
        rule: violation.id,
        impact: violation.impact,
        help: violation.help,
        target,
        ours
      });
    }
  }
  return findings;
}

for (const theme of ['JupyterLab Light', 'JupyterLab Dark']) {
  test(`no serious or critical accessibility violation in Fresh's elements (${theme})`, async ({
    page,
    tmpPath
  }, testInfo) => {
    await page.contents.uploadContent(
      fs.readFileSync(DEMO, 'utf8'),
      'text',
      `${tmpPath}/demo.ipynb`
    );
    await page.notebook.openByPath(`${tmpPath}/demo.ipynb`);
    await page.notebook.activate('demo.ipynb');
    await page.locator('#jp-main-statusbar >> text=Idle').waitFor();
    await messUp(page);
    await executeCommand(page, 'apputils:change-theme', { theme });
    await page.waitForFunction(
      name => document.body.dataset.jpThemeName === name,
      theme
    );
    await executeCommand(page, 'jupyterlab-fresh:open-panel');
    await page.notebook.selectCells(4);
    const panel = page.locator('#jp-Fresh-panel');
    await expect(panel.locator('.jp-Fresh-problem').first()).toBeVisible();
    await expect(
      panel.locator('[data-fresh-view="dependencies"] .jp-Fresh-dependencies')
    ).toBeVisible();
    // The popup of a badge is part of what a person reads.
    await page.locator('.jp-Fresh-badge').first().hover();
    await expect(page.locator('.jp-Fresh-tooltip')).toBeVisible();
    // Theme CSS is swapped after the attribute; give it a frame or two to apply.
    await page.waitForTimeout(800);

    const findings = await scan(page);
    await testInfo.attach(`axe-${theme}.json`, {
      body: JSON.stringify(findings, null, 2),
      contentType: 'application/json'
    });
    const others = findings.filter(f => !f.ours);
    if (others.length > 0) {
      console.log(
        `${theme}: ${others.length} serious/critical node(s) outside Fresh:\n` +
          others.map(f => `  ${f.impact} ${f.rule}: ${f.target}`).join('\n')
      );
    }
    expect(findings.filter(f => f.ours)).toEqual([]);
  });
}
