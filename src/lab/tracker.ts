import { DocumentRegistry } from '@jupyterlab/docregistry';
import { INotebookModel, NotebookPanel } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import { ISignal, Signal } from '@lumino/signaling';

import { IFreshNotebook, IFreshTracker } from '../tokens';
import { CellBadges } from './badges';
import { FreshNotebook } from './model';

/**
 * One `FreshNotebook` per notebook document (shared by all its views, so that a run is
 * recorded once), and one set of badges per view.
 */
export class FreshTracker implements IFreshTracker {
  constructor(options: FreshTracker.IOptions) {
    this._trans = options.trans;
  }

  /** The global settings from the registry (raw), applied to every open notebook. */
  setGlobals(globals: unknown): void {
    this._globals = globals;
    this._all.forEach(model => model.setGlobals(globals));
  }

  get added(): ISignal<this, IFreshNotebook> {
    return this._added;
  }

  get(panel: NotebookPanel): IFreshNotebook | undefined {
    return this._models.get(panel.context);
  }

  /** Starts following a notebook view. */
  add(panel: NotebookPanel): IFreshNotebook {
    const context = panel.context;
    let fresh = this._models.get(context);
    const isNew = !fresh;
    if (!fresh) {
      const model = new FreshNotebook({ context, globals: this._globals });
      fresh = model;
      this._models.set(context, model);
      this._all.add(model);
      // The model disposes itself with its context.
      context.disposed.connect(() => this._all.delete(model));
    }
    const badges = new CellBadges({ panel, fresh, trans: this._trans });
    panel.disposed.connect(() => badges.dispose());
    if (isNew) {
      this._added.emit(fresh);
    }
    return fresh;
  }

  private _trans: TranslationBundle;
  private _globals: unknown = {};
  private _all = new Set<FreshNotebook>();
  private _models = new WeakMap<
    DocumentRegistry.IContext<INotebookModel>,
    FreshNotebook
  >();
  private _added = new Signal<this, IFreshNotebook>(this);
}

export namespace FreshTracker {
  export interface IOptions {
    trans: TranslationBundle;
  }
}
