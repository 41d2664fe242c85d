import { ICodeCellModel } from '@jupyterlab/cells';
import { Context } from '@jupyterlab/docregistry';
import { INotebookModel } from '@jupyterlab/notebook';
import { initNotebookContext } from '@jupyterlab/notebook/lib/testutils';
import { ServiceManagerMock } from '@jupyterlab/services/lib/testutils';

import { isSourceNotKept } from '../../core/history';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { IExecutionRecord, INotebookCell } from '../../core/types';
import { NotebookStore } from '../notebookstore';

const CELLS: INotebookCell[] = [
  { id: 'c1', cellType: 'code', source: 'x = 1', tags: [] },
  { id: 'c2', cellType: 'code', source: 'y = x', tags: [] }
];

const SESSION = { id: 's1', kernelId: 'k1', fingerprint: 'pid 1' };

function record(cell: INotebookCell, count: number): IExecutionRecord {
  return {
    cellId: cell.id,
    source: cell.source,
    executionCount: count,
    kernelSession: SESSION.id,
    status: 'ok'
  };
}

/** A real notebook model and context (in memory) with the cells of `CELLS`. */
async function setup(globals: unknown = {}) {
  const context: Context<INotebookModel> = await initNotebookContext({
    path: 'work/nb.ipynb',
    manager: new ServiceManagerMock()
  });
  context.model.setMetadata('language_info', { name: 'python' });
  context.model.sharedModel.insertCells(
    0,
    CELLS.map(cell => ({ cell_type: 'code', source: cell.source, id: cell.id }))
  );
  return { context, store: new NotebookStore(context, globals) };
}

describe('NotebookStore', () => {
  it('layers the notebook settings over the globals, and stores only what differs', async () => {
    const { context, store } = await setup({ historyLimit: 50 });
    expect(store.settings.values.historyLimit).toBe(50);
    expect(
      store.setNotebookSettings({
        ...store.settings.values,
        badges: !DEFAULT_SETTINGS.badges
      })
    ).toEqual([]);
    expect(context.model.getMetadata('fresh')).toEqual({
      version: 1,
      settings: { badges: !DEFAULT_SETTINGS.badges }
    });
    // Read again when the metadata changed (the model says when).
    store.readSettings();
    expect(store.settings.values.badges).toBe(!DEFAULT_SETTINGS.badges);
    expect(store.globalSettings.badges).toBe(DEFAULT_SETTINGS.badges);
    store.resetSettings();
    store.readSettings();
    expect(store.settings.values.badges).toBe(DEFAULT_SETTINGS.badges);
    context.dispose();
  });

  it('writes nothing of settings it refuses, and says why', async () => {
    const { context, store } = await setup();
    const problems = store.setNotebookSettings({
      ...store.settings.values,
      pairedFileName: '../../outside.py'
    });
    expect(problems).toContainEqual(
      expect.objectContaining({ key: 'pairedFileName' })
    );
    expect(context.model.getMetadata('fresh')).toBeUndefined();
    context.dispose();
  });

  it('reads back the history it wrote: the records and the session they ran in', async () => {
    const { context, store } = await setup();
    const records = [record(CELLS[0], 1), record(CELLS[1], 2)];
    store.saveHistory(records, CELLS, SESSION);
    const restored = new NotebookStore(context, {}).restore(CELLS);
    expect(restored.records).toEqual(
      records.map(r => expect.objectContaining(r))
    );
    expect(restored.session).toEqual(SESSION);
    context.dispose();
  });

  it('writes no history while there is none, nor once the data was removed', async () => {
    const { context, store } = await setup();
    store.saveHistory([], CELLS, SESSION);
    expect(context.model.getMetadata('fresh')).toBeUndefined();
    store.removeFreshData();
    store.saveHistory([record(CELLS[0], 1)], CELLS, SESSION);
    expect(context.model.getMetadata('fresh')).toBeUndefined();
    context.dispose();
  });

  it('adds what it refused of a saved history to the settings problems', async () => {
    const { context } = await setup();
    context.model.setMetadata('fresh', { version: 1, history: 'odd' });
    const store = new NotebookStore(context, {});
    expect(store.settings.problems).toEqual([]);
    expect(store.restore(CELLS).records).toEqual([]);
    expect(store.settings.problems).toEqual([{ kind: 'history-not-object' }]);
    context.dispose();
  });

  it('analyses a restored record whose source was not kept from its stored summary', async () => {
    const { context, store } = await setup({ keepSources: false });
    // Edited since it ran: only the stored summary will know what the run defined.
    const edited = [{ ...CELLS[0], source: 'z = 2' }, CELLS[1]];
    store.saveHistory([record(CELLS[0], 1)], edited, SESSION);
    const reader = new NotebookStore(context, { keepSources: false });
    const [restored] = reader.restore(edited).records;
    expect(isSourceNotKept(restored.source)).toBe(true);
    expect(reader.symbolsOf(restored.source).defines).toEqual(['x']);
    context.dispose();
  });

  it('judges the cells no record covers by the saved execution counts', async () => {
    const { context, store } = await setup();
    (context.model.cells.get(0) as ICodeCellModel).executionCount = 2;
    (context.model.cells.get(1) as ICodeCellModel).executionCount = 1;
    const verdicts = store.savedVerdicts(CELLS, 'python');
    expect(verdicts.get('c1')).toEqual({ ran: true, problems: [] });
    expect(verdicts.get('c2')).toEqual({
      ran: true,
      problems: [expect.objectContaining({ flag: 'out-of-order' })]
    });
    context.dispose();
  });
});
