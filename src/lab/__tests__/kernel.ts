/** A notebook opened the way JupyterLab opens it, with a kernel, and runs of its cells. */
import { SessionContextDialogs } from '@jupyterlab/apputils';
import { ICodeCellModel } from '@jupyterlab/cells';
import { Context } from '@jupyterlab/docregistry';
import { INotebookModel, NotebookModelFactory } from '@jupyterlab/notebook';
import { NBTestUtils } from '@jupyterlab/notebook/lib/testutils';
import { ServiceManager } from '@jupyterlab/services';

import { FreshNotebook } from '../model';

/** The file at `path` opened with a real model and context, kernel started. */
export async function openNotebook(
  manager: ServiceManager.IManager,
  path: string
) {
  const context: Context<INotebookModel> = new Context({
    sessionDialogs: new SessionContextDialogs(),
    manager,
    factory: new NotebookModelFactory({}),
    path,
    kernelPreference: { shouldStart: true, canStart: true }
  });
  const panel = NBTestUtils.createNotebookPanel(context);
  const fresh = new FreshNotebook({ context, globals: {} });
  await context.initialize(false);
  await context.ready;
  await context.sessionContext.initialize();
  return { context, panel, fresh };
}

/** What JupyterLab does to a cell model for one run (`CodeCell.execute`). */
export function run(model: INotebookModel, index: number, count: number): void {
  const cell = model.cells.get(index) as ICodeCellModel;
  cell.sharedModel.transact(() => cell.clearExecution());
  cell.executionState = 'running';
  cell.executionCount = count;
  cell.executionState = 'idle';
}
