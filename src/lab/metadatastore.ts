import { DocumentRegistry } from '@jupyterlab/docregistry';
import { INotebookModel } from '@jupyterlab/notebook';

import { FRESH_KEY, writableFresh } from '../core/metadata';

/**
 * Reads and writes one notebook's `fresh` metadata through the core's rules
 * (`core/metadata.ts`): values Fresh refused to read are kept, and metadata refused as a whole
 * (too large, a newer version...) is never overwritten.
 */
export class FreshMetadataStore {
  constructor(context: DocumentRegistry.IContext<INotebookModel>) {
    this._context = context;
  }

  /** The stored `fresh` object, raw (untrusted: validate before use). */
  read(): unknown {
    return this._context.model.getMetadata(FRESH_KEY);
  }

  /**
   * False once the user removed Fresh's data: no history is written again while the notebook
   * stays open (settings still are, when the user sets them).
   */
  get keepsHistory(): boolean {
    return this._keepsHistory;
  }

  /** Changes `fresh` through `change`, from its stored (migrated) form. */
  write(
    change: (fresh: Record<string, unknown>) => Record<string, unknown>
  ): void {
    const previous = this.read();
    const fresh = writableFresh(previous, {
      notebookPath: this._context.path
    });
    if (!fresh) {
      return;
    }
    const next = change(fresh);
    if (JSON.stringify(next) !== JSON.stringify(previous)) {
      this._context.model.setMetadata(FRESH_KEY, next);
    }
  }

  /** Removes everything Fresh wrote, and stops writing history into this notebook. */
  remove(): void {
    this._keepsHistory = false;
    this._context.model.deleteMetadata(FRESH_KEY);
  }

  private _context: DocumentRegistry.IContext<INotebookModel>;
  private _keepsHistory = true;
}
