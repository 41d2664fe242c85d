import * as fs from 'fs';
import * as path from 'path';

import { Context } from '@jupyterlab/docregistry';
import { INotebookModel } from '@jupyterlab/notebook';
import {
  initNotebookContext,
  NBTestUtils
} from '@jupyterlab/notebook/lib/testutils';
import { ServiceManagerMock } from '@jupyterlab/services/lib/testutils';
import { CommandRegistry } from '@lumino/commands';
import { AccordionPanel, SplitPanel, Widget } from '@lumino/widgets';

import { FreshNotebook } from '../model';
import { FreshPanel } from '../panel';

describe('FreshPanel', () => {
  it('is a labelled region titled Fresh whose sections ask for a notebook when there is none', async () => {
    const panel = new FreshPanel({ commands: new CommandRegistry() });
    Widget.attach(panel, document.body);
    // Each section is a React root that renders asynchronously: wait until all have.
    for (let i = 0; i < 50; i++) {
      if (
        panel.node.querySelectorAll('[data-fresh-state="no-notebook"]')
          .length === 4
      ) {
        break;
      }
      await new Promise(resolve => setTimeout(resolve, 20));
    }

    expect(panel.id).toBe('jp-Fresh-panel');
    expect(panel.node.getAttribute('role')).toBe('region');
    expect(panel.node.getAttribute('aria-label')).toBe(
      'Fresh: notebook freshness'
    );
    expect(panel.title.caption).toBe('Fresh');
    expect(panel.node.querySelector('.jp-Fresh-panelTitle')?.textContent).toBe(
      'Fresh'
    );
    const views = [
      ...Array.from(
        panel.node.querySelectorAll<HTMLElement>('[data-fresh-view]')
      )
    ];
    expect(views.map(view => view.dataset.freshView)).toEqual([
      'problems',
      'dependencies',
      'timeline',
      'settings'
    ]);
    for (const view of views) {
      expect(
        view.querySelector('[data-fresh-state="no-notebook"]')?.textContent
      ).toBe('Open a notebook to see what is fresh in it.');
    }
    expect(panel.fresh).toBeNull();
    expect(panel.node.dataset.freshProblems).toBe('0');
    panel.dispose();
  });
});

describe('FreshPanel with a notebook', () => {
  /** A real notebook panel over JupyterLab's in-memory contents, followed by the panel. */
  async function setup(sources: string[], saved?: unknown) {
    const manager = new ServiceManagerMock();
    const context: Context<INotebookModel> = await initNotebookContext({
      manager
    });
    if (saved) {
      // A saved notebook, as the file it opens from.
      context.model.fromJSON(
        saved as Parameters<INotebookModel['fromJSON']>[0]
      );
    }
    context.model.setMetadata('language_info', { name: 'python' });
    context.model.sharedModel.insertCells(
      0,
      sources.map((source, i) => ({
        cell_type: 'code',
        source,
        id: `c${i + 1}`
      }))
    );
    const notebook = NBTestUtils.createNotebookPanel(context);
    const fresh = new FreshNotebook({ context, globals: {} });
    fresh.refresh();
    const panel = new FreshPanel({ commands: new CommandRegistry() });
    Widget.attach(panel, document.body);
    panel.follow(notebook, fresh);
    return { panel, notebook, fresh };
  }

  /** Waits until `selector` matches in the panel (React renders asynchronously). */
  async function rendered(panel: FreshPanel, selector: string) {
    for (let i = 0; i < 100; i++) {
      const found = panel.node.querySelector<HTMLElement>(selector);
      if (found) {
        return found;
      }
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    throw new Error(`${selector} never rendered`);
  }

  it('counts the cells whose run in an earlier kernel gave what Run All gives', async () => {
    const demo = JSON.parse(
      fs.readFileSync(
        path.resolve(__dirname, '..', '..', '..', 'examples', 'demo.ipynb'),
        'utf8'
      )
    );
    const { panel } = await setup([], demo);
    const quiet = await rendered(panel, '[data-fresh-quiet]');
    // Seven code cells: four tell the demo's story, three ran as Run All would run them.
    expect(quiet.dataset.freshQuiet).toBe('3');
    expect(quiet.textContent).toBe(
      '3 cells show results from an earlier kernel that nothing says Run All would change (their prompts are dimmed).'
    );
    panel.dispose();
  });

  it('gives Problems half the height and most of what the panel gains', () => {
    // Not attached: jsdom has no layout, and a layout pass over no height would zero them.
    const panel = new FreshPanel({ commands: new CommandRegistry() });
    const accordion = panel.content as AccordionPanel;
    expect(
      accordion.relativeSizes().map(size => Math.round(size * 100) / 100)
    ).toEqual([0.5, 0.2, 0.2, 0.1]);
    expect(panel.widgets.map(view => SplitPanel.getStretch(view))).toEqual([
      5, 2, 2, 1
    ]);
    panel.dispose();
  });

  it('gets missing names from the model, computed once per version of the cells', async () => {
    const { panel, notebook, fresh } = await setup(['print(total)', 'x = 1']);
    const first = fresh.missingNames('c1');
    expect(first).toEqual([
      { name: 'total', kind: 'undefined-name', relatedCellId: null }
    ]);
    expect(fresh.missingNames('c1')).toBe(first);
    // A refresh with the same code (a run, a metadata change) keeps them.
    fresh.refresh();
    expect(fresh.missingNames('c1')).toBe(first);
    notebook.content.model!.cells.get(1).sharedModel.setSource('total = 1');
    expect(fresh.missingNames('c1')).toEqual([
      { name: 'total', kind: 'defined-below', relatedCellId: 'c2' }
    ]);
    expect(fresh.missingNames('c2')).toEqual([]);
    panel.dispose();
  });

  it('names what the active cell reads that no cell above defines', async () => {
    const { panel, notebook } = await setup([
      'print(weekly_totals, factor)',
      'factor = 2'
    ]);
    notebook.content.activeCellIndex = 0;
    const missing = await rendered(
      panel,
      '[data-fresh-deps="needs"] [data-fresh-missing="weekly_totals"]'
    );
    expect(missing.textContent).toBe('weekly_totals, defined by no cell above');
    const below = panel.node.querySelector<HTMLElement>(
      '[data-fresh-missing="factor"]'
    )!;
    expect(below.textContent).toMatch(
      /^factor, defined only below, in cell 2 /
    );
    expect(
      below.querySelector('[data-fresh-cell]')?.getAttribute('data-fresh-cell')
    ).toBe('c2');
    // The preview is cut; the whole source is on hover.
    expect(below.querySelector('code[title]')?.getAttribute('title')).toBe(
      'factor = 2'
    );
    panel.dispose();
  });
});
