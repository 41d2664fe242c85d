/**
 * A small test DSL: a notebook and the actions of a user on it, turned into current cells and
 * execution records. Positions are 1-based, as in the reasons (`[n]`).
 */
import { ExecutionStatus, IExecutionRecord, INotebookCell } from '../../types';

/** A code cell's source, or `{ md }` for a markdown cell. */
export type CellSpec = string | { md: string };

export class Session {
  constructor(cells: CellSpec[]) {
    this.cells = cells.map(spec => this._newCell(spec));
  }

  cells: INotebookCell[];
  records: IExecutionRecord[] = [];
  session = 1;

  get kernelSession(): string {
    return `k${this.session}`;
  }

  /** The id of the cell at a 1-based position. */
  id(position: number): string {
    return this._at(position).id;
  }

  /** The 1-based positions of cell ids. */
  positions(ids: string[]): number[] {
    return ids.map(id => this.cells.findIndex(cell => cell.id === id) + 1);
  }

  run(position: number, status: ExecutionStatus = 'ok'): void {
    const cell = this._at(position);
    // A cancelled request never got a count; an interrupted one did.
    this.records.push({
      cellId: cell.id,
      source: cell.source,
      executionCount: ++this._count,
      kernelSession: this.kernelSession,
      status
    });
  }

  edit(position: number, source: string): void {
    this._at(position).source = source;
  }

  insert(position: number, spec: CellSpec): void {
    this.cells.splice(position - 1, 0, this._newCell(spec));
  }

  delete(position: number): void {
    this._at(position);
    this.cells.splice(position - 1, 1);
  }

  /** Moves the cell at `from` so that it ends up at position `to`. */
  move(from: number, to: number): void {
    const [cell] = this.cells.splice(from - 1, 1);
    this.cells.splice(to - 1, 0, cell);
  }

  restart(): void {
    this.session++;
    this._count = 0;
  }

  /**
   * Applies actions: `run 2`, `run 1-4`, `runall`, `edit 2 <source>`, `insert 2 <source>`,
   * `delete 2`, `move 3 1`, `restart`, `error 2`, `interrupt 2`, `cancel 2`.
   */
  apply(actions: string[]): this {
    for (const action of actions) {
      const [verb, first, ...rest] = action.split(' ');
      const position = Number(first);
      const text = rest.join(' ');
      switch (verb) {
        case 'run':
          this._range(first).forEach(p => this.run(p));
          break;
        case 'runall':
          this.cells.forEach(
            (cell, i) => cell.cellType === 'code' && this.run(i + 1)
          );
          break;
        case 'edit':
          this.edit(position, text);
          break;
        case 'insert':
          this.insert(position, text);
          break;
        case 'delete':
          this.delete(position);
          break;
        case 'move':
          this.move(position, Number(rest[0]));
          break;
        case 'restart':
          this.restart();
          break;
        case 'error':
          this.run(position, 'error');
          break;
        case 'interrupt':
          this.run(position, 'aborted');
          break;
        case 'cancel':
          this._cancel(position);
          break;
        default:
          throw new Error(`unknown action ${action}`);
      }
    }
    return this;
  }

  private _cancel(position: number): void {
    const cell = this._at(position);
    this.records.push({
      cellId: cell.id,
      source: cell.source,
      executionCount: null,
      kernelSession: this.kernelSession,
      status: 'aborted'
    });
  }

  private _range(text: string): number[] {
    const [from, to] = text.split('-').map(Number);
    const result: number[] = [];
    for (let p = from; p <= (to ?? from); p++) {
      result.push(p);
    }
    return result;
  }

  private _at(position: number): INotebookCell {
    const cell = this.cells[position - 1];
    if (!cell) {
      throw new Error(`no cell at position ${position}`);
    }
    return cell;
  }

  private _newCell(spec: CellSpec): INotebookCell {
    const id = `c${++this._ids}`;
    return typeof spec === 'string'
      ? { id, cellType: 'code', source: spec }
      : { id, cellType: 'markdown', source: spec.md };
  }

  private _count = 0;
  private _ids = 0;
}
