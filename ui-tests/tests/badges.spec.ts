import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';

import { CELL } from './cells';
import { executeCommand } from './commands';
import { notebookJSON } from './notebooks';

/**
 * Badges readable at a glance (issue 14): every badge kind, made by a real kernel, has text at
 * least 4.5:1 against its background in the light and dark themes, shows its words whole,
 * leaves the prompt visible and clickable, and opens a popup of reasons on hover and focus.
 */

test.use({ kernels: null, viewport: { width: 1400, height: 900 } });

const BADGE = '.jp-Fresh-badge';
const POPUP = '.jp-Fresh-tooltip';

const SOURCES = [
  'x = 1',
  'y = x + 1',
  'z = w * 2',
  'w = 5',
  'k = 3',
  'print(k)',
  'a = 1',
  '1 / 0',
  'b = 2',
  'from math import *',
  'exec("q = 1")\nprint(x)'
];

/** After the steps in `messUp`, by index: the first flag of each cell's badge ('' for none). */
const EXPECTED = [
  '',
  'stale',
  'out-of-order',
  '',
  'deleted-code',
  'edited',
  'error',
  'never-run',
  'opaque',
  'stale'
];

/** Runs, edits and deletes so that every kind of badge shows (see EXPECTED). */
async function messUp(page: IJupyterLabPageFixture): Promise<void> {
  for (const i of [0, 1, 3, 2, 4, 5, 6, 7, 9, 10]) {
    await page.notebook.runCell(i, true);
  }
  await page.notebook.setCell(0, 'code', 'x = 10');
  await page.notebook.runCell(0, true);
  await page.notebook.setCell(6, 'code', 'a = 2');
  await page.notebook.selectCells(4);
  await page.notebook.deleteCells();
  await page.notebook.selectCells(0);
}

async function firstFlags(page: IJupyterLabPageFixture): Promise<string[]> {
  return page.evaluate(
    ([cell, badge]) =>
      [...document.querySelectorAll(cell)].map(
        node =>
          node
            .querySelector<HTMLElement>(`:scope > ${badge}`)
            ?.getAttribute('data-fresh-flag') ?? ''
      ),
    [CELL, BADGE]
  );
}

interface IMeasure {
  flag: string;
  text: string;
  ratio: number;
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  /** Lines of text: a badge is one line. */
  lines: number;
}

/**
 * For each badge: the contrast of its text against its background, both composited over what
 * lies behind (the cell, the notebook, ...) as the browser resolved them, and its sizes.
 */
function measure(page: IJupyterLabPageFixture): Promise<IMeasure[]> {
  return page.evaluate(
    ([cell, badge]) => {
      const canvas = document.createElement('canvas').getContext('2d')!;
      // The canvas turns any CSS colour (rgb, color(srgb ...), color-mix results) into RGBA.
      const rgba = (css: string): number[] => {
        canvas.clearRect(0, 0, 1, 1);
        canvas.fillStyle = css;
        canvas.fillRect(0, 0, 1, 1);
        const [r, g, b, a] = canvas.getImageData(0, 0, 1, 1).data;
        return [r, g, b, a / 255];
      };
      const over = (top: number[], below: number[]): number[] => {
        const a = top[3];
        return [0, 1, 2].map(i => top[i] * a + below[i] * (1 - a)).concat(1);
      };
      const behind = (node: Element): number[] => {
        const layers: number[][] = [];
        for (let at: Element | null = node; at; at = at.parentElement) {
          const colour = rgba(getComputedStyle(at).backgroundColor);
          layers.push(colour);
          if (colour[3] === 1) {
            break;
          }
        }
        return layers.reduceRight(
          (below, top) => over(top, below),
          [255, 255, 255, 1]
        );
      };
      const luminance = (c: number[]): number => {
        const [r, g, b] = c.slice(0, 3).map(v => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      return [
        ...document.querySelectorAll<HTMLElement>(`${cell} ${badge}`)
      ].map(node => {
        const background = behind(node);
        const text = over(rgba(getComputedStyle(node).color), background);
        const [light, dark] = [luminance(text), luminance(background)].sort(
          (p, q) => q - p
        );
        const words = document.createRange();
        words.selectNodeContents(node);
        const tops = [...words.getClientRects()].map(r => Math.round(r.top));
        return {
          flag: node.dataset.freshFlag ?? '',
          text: node.textContent ?? '',
          ratio: (light + 0.05) / (dark + 0.05),
          scrollWidth: node.scrollWidth,
          clientWidth: node.clientWidth,
          scrollHeight: node.scrollHeight,
          clientHeight: node.clientHeight,
          lines: new Set(tops).size
        };
      });
    },
    [CELL, BADGE]
  );
}

async function setTheme(page: IJupyterLabPageFixture, theme: string) {
  await executeCommand(page, 'apputils:change-theme', { theme });
  await page.waitForFunction(
    name => document.body.dataset.jpThemeName === name,
    theme
  );
  // Theme CSS is swapped after the attribute; give it a frame or two to apply.
  await page.waitForTimeout(800);
}

test('every badge kind is readable, whole, beside a clickable prompt, with a popup of reasons', async ({
  page,
  tmpPath
}) => {
  // Eleven runs of a real kernel and three themes on a shared 2-core machine.
  test.setTimeout(480000);
  await page.contents.uploadContent(
    notebookJSON(SOURCES),
    'text',
    `${tmpPath}/badges.ipynb`
  );
  await page.notebook.openByPath(`${tmpPath}/badges.ipynb`);
  await page.notebook.activate('badges.ipynb');
  await page.locator('#jp-main-statusbar >> text=Idle').waitFor();
  await messUp(page);
  await expect.poll(() => firstFlags(page)).toEqual(EXPECTED);
  // The last cell has two flags: the count says what it counts.
  await expect(page.locator(CELL).nth(9).locator(BADGE)).toHaveText(
    'stale · 1 more'
  );

  const themes = [
    ['JupyterLab Light', 'light'],
    ['JupyterLab Dark', 'dark'],
    ['JupyterLab Dark High Contrast', 'dark-high-contrast']
  ];
  const figures: string[] = [];
  for (const [theme, short] of themes) {
    await setTheme(page, theme);
    const measured = await measure(page);
    expect(measured.map(m => m.flag).sort()).toEqual(
      EXPECTED.filter(Boolean).sort()
    );
    for (const m of measured) {
      figures.push(`${short} ${m.flag}: ${m.ratio.toFixed(2)}:1`);
      expect(m.ratio, `${theme} ${m.flag}`).toBeGreaterThanOrEqual(4.5);
      expect(m.scrollWidth, `${theme} ${m.text}`).toBeLessThanOrEqual(
        m.clientWidth
      );
      expect(m.scrollHeight, `${theme} ${m.text}`).toBeLessThanOrEqual(
        m.clientHeight
      );
      expect(m.lines, `${theme} ${m.text}: lines`).toBe(1);
    }
    if (short !== 'dark-high-contrast') {
      await page.locator(CELL).nth(1).locator(BADGE).hover();
      await expect(page.locator(POPUP)).toBeVisible();
      await page.screenshot({ path: `/tmp/s5/h14-${short}.png` });
      await page.mouse.move(700, 5);
    }
  }
  console.log(figures.join('\n'));
  await setTheme(page, 'JupyterLab Light');

  // The prompt text is not under a badge, and a click on it reaches the cell.
  for (const i of [1, 2, 4, 9]) {
    const overlap = await page
      .locator(CELL)
      .nth(i)
      .evaluate((node, badge) => {
        const prompt = node.querySelector('.jp-InputPrompt')!;
        const range = document.createRange();
        range.selectNodeContents(prompt);
        const text = range.getBoundingClientRect();
        const box = node.querySelector(badge)!.getBoundingClientRect();
        return text.bottom > box.top && text.top < box.bottom;
      }, BADGE);
    expect(overlap, `prompt of cell ${i} under its badge`).toBe(false);
  }
  await page.notebook.selectCells(0);
  const prompt = page.locator(CELL).nth(2).locator('.jp-InputPrompt');
  await prompt.click({ position: { x: 30, y: 10 } });
  await expect(page.locator(CELL).nth(2)).toHaveClass(/jp-mod-active/);

  // Hover: the popup shows the words, then each reason with names as code.
  const stale = page.locator(CELL).nth(1).locator(BADGE);
  await stale.hover();
  const popup = page.locator(POPUP);
  await expect(popup).toBeVisible();
  // It covers no other badge (the next cell's sits just below this one).
  const covered = await popup.evaluate((node, badge) => {
    const box = node.getBoundingClientRect();
    return [...document.querySelectorAll(badge)]
      .map(other => other.getBoundingClientRect())
      .filter(
        other =>
          other.bottom > box.top &&
          other.top < box.bottom &&
          other.right > box.left &&
          other.left < box.right
      ).length;
  }, BADGE);
  expect(covered, 'badges under the popup').toBe(0);
  await expect(popup.locator('.jp-Fresh-tooltipWords')).toHaveText('stale');
  await expect(popup.locator('li code')).toContainText(['x']);
  expect(await popup.innerHTML()).not.toContain('`');
  const shown = await popup.evaluate(node =>
    [
      node.querySelector('.jp-Fresh-tooltipWords')!,
      ...node.querySelectorAll('li')
    ]
      .map(line => line.textContent)
      .join('. ')
  );
  expect(await stale.getAttribute('aria-label')).toBe(shown);
  await page.mouse.move(700, 5);
  await expect(popup).toBeHidden();

  // Keyboard: focus opens the popup for that badge, Escape closes it; one popup in the page.
  const twoFlags = page.locator(CELL).nth(9).locator(BADGE);
  await twoFlags.focus();
  await expect(popup).toBeVisible();
  await expect(popup.locator('.jp-Fresh-tooltipWords')).toHaveText(
    'stale, opaque'
  );
  await expect(popup.locator('li')).toHaveCount(2);
  await page.keyboard.press('Escape');
  await expect(popup).toBeHidden();
  await expect(page.locator(POPUP)).toHaveCount(1);

  // Enter moves focus to the popup's cell link, not into the cell's editor; Escape brings it
  // back to the badge.
  await stale.focus();
  await expect(popup).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(popup.locator('.jp-Fresh-cellLink').first()).toBeFocused();
  await expect(
    page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook')
  ).toHaveClass(/jp-mod-commandMode/);
  await page.keyboard.press('Escape');
  await expect(popup).toBeHidden();
  await expect(stale).toBeFocused();
  expect(await twoFlags.getAttribute('title')).toBeNull();
});
