import { INotebookModel } from '@jupyterlab/notebook';
import { ServiceManager } from '@jupyterlab/services';
import { ServiceManagerMock } from '@jupyterlab/services/lib/testutils';

import { openNotebook, run } from './kernel';

const PATH = 'old.ipynb';

/** A notebook as most in the wild are: nbformat 4.4, no cell ids. */
const NBFORMAT_4_4 = {
  nbformat: 4,
  nbformat_minor: 4,
  metadata: { language_info: { name: 'python' } },
  cells: [
    { cell_type: 'markdown', metadata: {}, source: '# Old' },
    ...['x = 1', 'y = x + 1'].map(source => ({
      cell_type: 'code',
      metadata: {},
      source,
      execution_count: null,
      outputs: []
    }))
  ]
};

/** The file opened the way JupyterLab opens it (a real model and context), kernel started. */
const open = (manager: ServiceManager.IManager) => openNotebook(manager, PATH);

function codeCellIds(model: INotebookModel): string[] {
  const ids: string[] = [];
  for (let i = 0; i < model.cells.length; i++) {
    if (model.cells.get(i).type === 'code') {
      ids.push(model.cells.get(i).id);
    }
  }
  return ids;
}

describe('the history of an nbformat 4.4 notebook', () => {
  it('is keyed by the cell ids the file keeps, and read back whole after a reload', async () => {
    const manager = new ServiceManagerMock();
    await manager.ready;
    await manager.contents.save(PATH, {
      type: 'notebook',
      format: 'json',
      content: NBFORMAT_4_4
    });

    const before = await open(manager);
    run(before.context.model, 1, 1);
    run(before.context.model, 2, 2);
    const ran = before.fresh.records.map(record => record.cellId);
    expect(ran).toEqual(codeCellIds(before.context.model));
    await before.context.save();

    const file = (await manager.contents.get(PATH, { content: true }))
      .content as { nbformat_minor: number; cells: { id?: string }[] };
    expect(file.nbformat_minor).toBe(5);
    expect(file.cells.slice(1).map(cell => cell.id)).toEqual(ran);
    before.context.dispose();

    const after = await open(manager);
    expect(codeCellIds(after.context.model)).toEqual(ran);
    expect(after.fresh.records.map(record => record.cellId)).toEqual(ran);
    expect(after.fresh.settings.problems).toEqual([]);
    after.context.dispose();
  });
});
