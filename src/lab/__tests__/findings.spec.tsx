import { ServiceManagerMock } from '@jupyterlab/services/lib/testutils';
import { nullTranslator } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import { Widget } from '@lumino/widgets';

import { CommandIDs } from '../../tokens';
import { CellBadges } from '../badges';
import { ExportBody } from '../exportdialog';
import { initialChoice } from '../exportpolicy';
import { cellNames, plainText, reasonParts } from '../findings';
import { FreshPanel } from '../panel';
import { openNotebook, run } from './kernel';

const trans = nullTranslator.load('jupyterlab_fresh');

/**
 * A real notebook and kernel session: `x = 1` ran as [1], `y = x + 1` as [2], `x = 2` in the
 * first cell as [3]; the last cell never ran. Cells are named [3], [2] and "cell 4" (the first cell is
 * markdown).
 */
async function setup() {
  const manager = new ServiceManagerMock();
  await manager.ready;
  await manager.contents.save('nb.ipynb', {
    type: 'notebook',
    format: 'json',
    content: {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { language_info: { name: 'python' } },
      cells: [
        { cell_type: 'markdown', id: 'md', metadata: {}, source: '# Title' },
        ...[
          ['x', 'x = 1'],
          ['y', 'y = x + 1'],
          ['p', 'print(y)']
        ].map(([id, source]) => ({
          cell_type: 'code',
          id,
          metadata: {},
          source,
          execution_count: null,
          outputs: []
        }))
      ]
    }
  });
  const { context, panel, fresh } = await openNotebook(manager, 'nb.ipynb');
  expect(fresh.language).toBe('python');
  run(context.model, 1, 1);
  run(context.model, 2, 2);
  // Re-running the same code would give the same `x`: the engine would see no change.
  context.model.cells.get(1).sharedModel.setSource('x = 2');
  run(context.model, 1, 3);
  fresh.refresh();
  return { manager, context, panel, fresh };
}

async function until<T>(find: () => T | null | undefined): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const found = find();
    if (found) {
      return found;
    }
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  throw new Error('not rendered');
}

describe('findings in the lab', () => {
  it('are data, worded with cells named as Jupyter shows them', async () => {
    const { context, fresh } = await setup();
    const stale = fresh.statusOf('y')!;
    expect(stale.flags).toEqual(['stale']);
    expect(stale.reasons).toEqual([
      { kind: 'changed-after', name: 'x', cell: 1, verb: 'redefined' }
    ]);
    const names = cellNames(context.model, trans);
    expect([1, 2, 3].map(index => names.name(index))).toEqual([
      '[3]',
      '[2]',
      'cell 4'
    ]);
    const parts = reasonParts(stale.reasons[0], trans);
    expect(parts).toEqual([
      'reads ',
      { code: 'x' },
      ', which ',
      { cell: 1 },
      ' redefined after this cell ran'
    ]);
    expect(plainText(parts, names)).toBe(
      'reads x, which [3] redefined after this cell ran'
    );
  });

  it('show in the badge, its label and its popup, whose cell link jumps', async () => {
    const { panel, fresh } = await setup();
    Widget.attach(panel, document.body);
    const badges = new CellBadges({ panel, fresh, trans });
    const badge =
      panel.content.widgets[2].node.querySelector<HTMLElement>(
        '.jp-Fresh-badge'
      )!;
    expect(badge.getAttribute('aria-label')).toBe(
      'stale. reads x, which [3] redefined after this cell ran'
    );
    // The pointer may leave the badge for the popup, and the popup stays; leaving the popup
    // hides it after a moment.
    badge.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    const popup = document.querySelector<HTMLElement>('.jp-Fresh-tooltip')!;
    expect(popup.hidden).toBe(false);
    const leave = (from: HTMLElement, to: Element) =>
      from.dispatchEvent(
        new MouseEvent('mouseout', { bubbles: true, relatedTarget: to })
      );
    const pause = () => new Promise(resolve => setTimeout(resolve, 400));
    leave(badge, popup);
    await pause();
    expect(popup.hidden).toBe(false);
    leave(popup, document.body);
    await pause();
    expect(popup.hidden).toBe(true);

    badge.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(popup.hidden).toBe(false);
    expect(popup.querySelector('li code')?.textContent).toBe('x');
    const link = popup.querySelector<HTMLElement>('[data-fresh-cell-index]')!;
    expect(link.textContent).toBe('[3]');
    expect(link.title).toBe('Go to [3]: x = 2');
    panel.content.activeCellIndex = 3;
    link.click();
    expect(panel.content.activeCellIndex).toBe(1);
    expect(popup.hidden).toBe(true);
    badges.dispose();
    Widget.detach(panel);
  });

  it('open the popup from the keyboard, whose links are reachable and Escape returns', async () => {
    const { panel, fresh } = await setup();
    Widget.attach(panel, document.body);
    const badges = new CellBadges({ panel, fresh, trans });
    const badge =
      panel.content.widgets[2].node.querySelector<HTMLElement>(
        '.jp-Fresh-badge'
      )!;
    const press = (target: HTMLElement, key: string, shiftKey = false) => {
      const event = new KeyboardEvent('keydown', {
        key,
        shiftKey,
        bubbles: true,
        cancelable: true
      });
      target.dispatchEvent(event);
      return event.defaultPrevented;
    };
    badge.focus();
    const popup = document.querySelector<HTMLElement>('.jp-Fresh-tooltip')!;
    expect(popup.hidden).toBe(false);
    // Each opening draws the popup anew.
    const link = () =>
      popup.querySelector<HTMLElement>('[data-fresh-cell-index]')!;

    // Enter moves focus to the popup's link; Escape closes it and focus goes back.
    expect(press(badge, 'Enter')).toBe(true);
    expect(document.activeElement).toBe(link());
    expect(press(link(), 'Escape')).toBe(true);
    expect(popup.hidden).toBe(true);
    expect(document.activeElement).toBe(badge);

    // Space opens it again; Tab past the last link comes back to the badge, and the next
    // Tab leaves the badge as usual.
    expect(press(badge, ' ')).toBe(true);
    expect(popup.hidden).toBe(false);
    expect(document.activeElement).toBe(link());
    expect(press(link(), 'Tab')).toBe(true);
    expect(document.activeElement).toBe(badge);
    expect(press(badge, 'Tab')).toBe(false);

    // Tab from the badge with its popup open goes in too; Shift+Tab comes back.
    expect(press(badge, 'Tab')).toBe(true);
    expect(document.activeElement).toBe(link());
    expect(press(link(), 'Tab', true)).toBe(true);
    expect(document.activeElement).toBe(badge);

    // A dialog named by its flags, since it holds links; a scroll that hides it while focus
    // is inside gives focus back to the badge, without opening it again.
    expect(popup.getAttribute('role')).toBe('dialog');
    expect(popup.getAttribute('aria-label')).toBe(
      popup.querySelector('.jp-Fresh-tooltipWords')!.textContent
    );
    expect(press(badge, 'Enter')).toBe(true);
    expect(document.activeElement).toBe(link());
    panel.content.node.dispatchEvent(new Event('scroll'));
    expect(popup.hidden).toBe(true);
    expect(document.activeElement).toBe(badge);
    badges.dispose();
    Widget.detach(panel);
  });

  it('say a stale chain up to its cause in the popup, each cell a link', async () => {
    const { context, panel, fresh } = await setup();
    // `print(y)` runs after `x = 2`: the `y` it reads is stale because `x` changed.
    run(context.model, 3, 4);
    fresh.refresh();
    Widget.attach(panel, document.body);
    const badges = new CellBadges({ panel, fresh, trans });
    const badge =
      panel.content.widgets[3].node.querySelector<HTMLElement>(
        '.jp-Fresh-badge'
      )!;
    badge.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    const popup = document.querySelector<HTMLElement>('.jp-Fresh-tooltip')!;
    const line = popup.querySelector('li')!;
    expect(line.textContent).toBe(
      'reads y from [2], which reads x, which [3] redefined after [2] ran'
    );
    expect(
      Array.from(
        line.querySelectorAll<HTMLElement>('[data-fresh-cell-index]')
      ).map(link => link.dataset.freshCellIndex)
    ).toEqual(['2', '1', '2']);
    expect(badge.getAttribute('aria-label')).toBe(
      'stale. reads y from [2], which reads x, which [3] redefined after [2] ran'
    );
    badges.dispose();
    Widget.detach(panel);
  });

  it('name cells the same way in the panel and its timeline', async () => {
    const { panel, fresh } = await setup();
    const commands = new CommandRegistry();
    const jumped: unknown[] = [];
    commands.addCommand(CommandIDs.jumpToCell, {
      execute: args => {
        jumped.push(args.cellId);
      }
    });
    const view = new FreshPanel({ commands });
    Widget.attach(view, document.body);
    view.follow(panel, fresh);

    const problems = await until(() =>
      view.node.querySelectorAll<HTMLElement>('.jp-Fresh-problem').length === 2
        ? view.node.querySelectorAll<HTMLElement>('.jp-Fresh-problem')
        : null
    );
    expect(
      Array.from(problems).map(
        item => item.querySelector('.jp-Fresh-cellNumber')?.textContent
      )
    ).toEqual(['[2]', 'cell 4']);
    const reason = problems[0].querySelector('.jp-Fresh-reasons li')!;
    expect(reason.textContent).toBe(
      'reads x, which [3] redefined after this cell ran'
    );
    reason.querySelector<HTMLElement>('[data-fresh-cell-index="1"]')!.click();
    expect(jumped).toEqual(['x']);

    const entries = await until(() => {
      const found = view.node.querySelectorAll<HTMLElement>(
        '.jp-Fresh-execution'
      );
      return found.length === 3 ? found : null;
    });
    // Newest first: "[3] <time> ok — x = 2", with no second bracket number; each run by
    // the count it had.
    expect(
      Array.from(entries).map(entry => [
        entry.querySelector('.jp-Fresh-count')?.textContent,
        entry.querySelector('.jp-Fresh-cellLink')?.textContent
      ])
    ).toEqual([
      ['[3]', 'x = 2'],
      ['[2]', 'y = x + 1'],
      ['[1]', 'x = 1']
    ]);
    expect(entries[0].textContent).toContain('ok — x = 2');
    expect(entries[0].textContent?.match(/\[\d+\]/g)).toEqual(['[3]']);
    view.dispose();
  });

  it('name the chosen cell in the export menu', async () => {
    const { manager, context, fresh } = await setup();
    const label = async (index: number) => {
      const cell = { cellId: context.model.cells.get(index).id, index };
      const body = new ExportBody({
        fresh,
        cell,
        forCell: true,
        contents: manager.contents,
        commands: new CommandRegistry(),
        trans,
        choice: initialChoice(fresh.settings.values, 'nb.ipynb', cell, true)
      });
      Widget.attach(body, document.body);
      const option = await until(() =>
        body.node.querySelector<HTMLOptionElement>('option[value="gather"]')
      );
      const text = option.textContent;
      body.dispose();
      return text;
    };
    expect(await label(2)).toBe('Code for [2]');
    expect(await label(3)).toBe('Code for cell 4');
  });
});
