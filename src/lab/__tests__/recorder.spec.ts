import { ICodeCellModel } from '@jupyterlab/cells';
import { NotebookModel } from '@jupyterlab/notebook';
import { Signal } from '@lumino/signaling';
import {
  createSimpleSessionContext,
  updateKernelStatus
} from '@jupyterlab/testutils/lib/mock';

import { IExecutionRecord } from '../../core/types';
import { ExecutionRecorder } from '../recorder';

/** A real notebook model; the kernel is the JupyterLab test mock (no server here). */
function setup(
  sources: string[],
  actions?: ExecutionRecorder.IExecutionSignals
) {
  const model = new NotebookModel();
  model.sharedModel.insertCells(
    0,
    sources.map((source, i) => ({ cell_type: 'code', source, id: `c${i + 1}` }))
  );
  const sessionContext = createSimpleSessionContext();
  let tick = 0;
  const recorder = new ExecutionRecorder({
    model,
    sessionContext,
    now: () => `2026-01-01T00:00:${String(tick++).padStart(2, '0')}.000Z`,
    actions
  });
  const records: IExecutionRecord[] = [];
  recorder.recorded.connect((_, record) => records.push(record));
  const cell = (i: number) => model.cells.get(i) as ICodeCellModel;
  return { model, sessionContext, recorder, records, cell };
}

/** What JupyterLab does to a cell model for one run (`CodeCell.execute`). */
function queue(cell: ICodeCellModel): void {
  cell.sharedModel.transact(() => cell.clearExecution());
  cell.executionState = 'running';
}
function reply(cell: ICodeCellModel, count: number): void {
  cell.executionCount = count;
  cell.executionState = 'idle';
}

describe('ExecutionRecorder', () => {
  it('records the source as queued, the count, the times and the session', () => {
    const { recorder, records, cell } = setup(['x = 1', 'y = x']);
    const session = recorder.kernelSession;
    expect(session).not.toBeNull();
    queue(cell(0));
    // Typing after queueing does not change what ran.
    cell(0).sharedModel.setSource('x = 2');
    reply(cell(0), 1);
    expect(records).toEqual([
      {
        cellId: 'c1',
        source: 'x = 1',
        executionCount: 1,
        kernelSession: session,
        status: 'ok',
        startedAt: '2026-01-01T00:00:00.000Z',
        finishedAt: '2026-01-01T00:00:01.000Z'
      }
    ]);
  });

  it('takes the status from the outputs: error, and an interrupt as aborted', () => {
    const { records, cell } = setup(['1 / 0', 'import time; time.sleep(9)']);
    queue(cell(0));
    cell(0).outputs.add({
      output_type: 'error',
      ename: 'ZeroDivisionError',
      evalue: 'division by zero',
      traceback: []
    });
    reply(cell(0), 1);
    queue(cell(1));
    cell(1).outputs.add({
      output_type: 'error',
      ename: 'KeyboardInterrupt',
      evalue: '',
      traceback: []
    });
    reply(cell(1), 2);
    expect(records.map(r => [r.cellId, r.status])).toEqual([
      ['c1', 'error'],
      ['c2', 'aborted']
    ]);
  });

  it('records a queued cell that never ran as aborted, without a count', () => {
    const { records, cell } = setup(['a = 1']);
    queue(cell(0));
    cell(0).executionState = 'idle';
    expect(records.map(r => [r.cellId, r.status, r.executionCount])).toEqual([
      ['c1', 'aborted', null]
    ]);
  });

  it('starts a new session on restart and aborts what was running', () => {
    const { sessionContext, recorder, records, cell } = setup([
      'a = 1',
      'b = 2'
    ]);
    const sessions: (string | null)[] = [];
    recorder.sessionChanged.connect((_, id) => sessions.push(id));
    const first = recorder.kernelSession;
    queue(cell(0));
    reply(cell(0), 1);
    queue(cell(1));
    updateKernelStatus(sessionContext, 'restarting');
    expect(recorder.kernelSession).toBeNull();
    updateKernelStatus(sessionContext, 'idle');
    const second = recorder.kernelSession;
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);
    expect(sessions).toEqual([null, second]);
    expect(records.map(r => [r.cellId, r.status, r.kernelSession])).toEqual([
      ['c1', 'ok', first],
      ['c2', 'aborted', first]
    ]);
  });

  it('records a cell deleted while queued as possibly run (aborted)', () => {
    const { model, records, cell } = setup(['a = 1', 'b = 2']);
    queue(cell(1));
    model.sharedModel.deleteCell(1);
    expect(records.map(r => [r.cellId, r.source, r.status])).toEqual([
      ['c2', 'b = 2', 'aborted']
    ]);
  });

  it('follows cells added later and ignores markdown', () => {
    const { model, records, cell } = setup([]);
    model.sharedModel.insertCells(0, [
      { cell_type: 'markdown', source: '# t', id: 'm' },
      { cell_type: 'code', source: 'z = 3', id: 'new' }
    ]);
    queue(cell(1));
    reply(cell(1), 7);
    expect(records.map(r => [r.cellId, r.executionCount])).toEqual([
      ['new', 7]
    ]);
  });

  describe('JupyterLab before 4.3: cell models without executionState', () => {
    type Args = ExecutionRecorder.IRunArgs;
    /** The two signals of `NotebookActions`, and what `runCell` sends through them. */
    function withActions(sources: string[]) {
      const owner = {};
      const executionScheduled = new Signal<unknown, Args>(owner);
      const executed = new Signal<unknown, Args>(owner);
      const fixture = setup(sources, { executionScheduled, executed });
      const args = (cell: ICodeCellModel, model = fixture.model) =>
        ({ notebook: { model }, cell: { model: cell } }) as unknown as Args;
      return { ...fixture, executionScheduled, executed, args };
    }
    // `CodeCell.execute` of 4.2 only clears the count and sets it from the reply; these
    // cells start without one. (Clearing here would set the 4.6 model's executionState.)
    it('records runs announced by NotebookActions, with the source as queued', () => {
      const { records, cell, executionScheduled, args } = withActions([
        'x = 1'
      ]);
      executionScheduled.emit(args(cell(0)));
      cell(0).sharedModel.setSource('x = 2');
      cell(0).executionCount = 4;
      expect(
        records.map(r => [r.cellId, r.source, r.executionCount, r.status])
      ).toEqual([['c1', 'x = 1', 4, 'ok']]);
    });

    it('records a run that ended without a count (cleared queue) as aborted', () => {
      const { records, cell, executionScheduled, executed, args } = withActions(
        ['a = 1', 'b = 2']
      );
      executionScheduled.emit(args(cell(0)));
      executionScheduled.emit(args(cell(1)));
      cell(0).outputs.add({
        output_type: 'error',
        ename: 'NameError',
        evalue: 'nope',
        traceback: []
      });
      cell(0).executionCount = 1;
      executed.emit(args(cell(0)));
      executed.emit(args(cell(1)));
      expect(records.map(r => [r.cellId, r.status, r.executionCount])).toEqual([
        ['c1', 'error', 1],
        ['c2', 'aborted', null]
      ]);
    });

    it('ignores the runs of other notebooks', () => {
      const { records, cell, executionScheduled, executed, args } = withActions(
        ['a = 1']
      );
      const other = new NotebookModel();
      executionScheduled.emit(args(cell(0), other));
      cell(0).executionCount = 2;
      executed.emit(args(cell(0), other));
      expect(records).toEqual([]);
    });
  });
});
