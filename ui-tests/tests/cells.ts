import { Page } from '@playwright/test';

/** The cells of the notebook view in front (other views stay in the page, hidden). */
export const CELL =
  '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell';

/** The flags shown on the badge of cell i ('' when it has none). */
export async function badgeFlags(
  page: Pick<Page, 'locator'>,
  i: number,
  cells: string = CELL
): Promise<string> {
  const badge = page.locator(cells).nth(i).locator('.jp-Fresh-badge');
  return (await badge.count()) === 0
    ? ''
    : ((await badge.getAttribute('data-fresh-flags')) ?? '');
}

/** The flags of the first `count` cells, as `badgeFlags` gives them. */
export async function allBadgeFlags(
  page: Pick<Page, 'locator'>,
  count: number,
  cells: string = CELL
): Promise<string[]> {
  const result: string[] = [];
  for (let i = 0; i < count; i++) {
    result.push(await badgeFlags(page, i, cells));
  }
  return result;
}
