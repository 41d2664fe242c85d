import { Notification } from '@jupyterlab/apputils';
import { Contents } from '@jupyterlab/services';
import { TranslationBundle } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';

import { exportNotebook } from '../core/export';
import { CommandIDs, IFreshNotebook } from '../tokens';
import { errorText, readExisting, writeText } from './exportfiles';
import { pairedDecision, pairedTarget } from './exportpolicy';

/**
 * Writes the paired file of every notebook that enables it, each time the notebook has been
 * saved. A file that Fresh did not write is never replaced: the person is told once why
 * nothing was written and what to do.
 */
export class PairedFiles {
  constructor(options: PairedFiles.IOptions) {
    this._contents = options.contents;
    this._commands = options.commands;
    this._trans = options.trans;
  }

  /** Starts following a notebook's saves (once per notebook, however often called). */
  watch(fresh: IFreshNotebook): void {
    const context = fresh.context;
    if (this._watched.has(context)) {
      return;
    }
    this._watched.add(context);
    context.saveState.connect((_, state) => {
      if (state === 'completed') {
        // One write at a time per notebook, in the order of the saves.
        const previous = this._queue.get(context) ?? Promise.resolve();
        const next = previous.then(() => this._write(fresh));
        this._queue.set(context, next);
      }
    });
  }

  private async _write(fresh: IFreshNotebook): Promise<void> {
    const context = fresh.context;
    if (context.isDisposed) {
      return;
    }
    const target = pairedTarget(
      fresh.settings.values,
      context.path,
      fresh.language
    );
    if (!target) {
      return;
    }
    const trans = this._trans;
    try {
      const { text } = exportNotebook(fresh.cells(), target.options);
      const existing = await readExisting(this._contents, target.path);
      const decision = pairedDecision(existing, text);
      if (decision === 'write') {
        await writeText(this._contents, target.path, text);
      } else if (decision === 'foreign' || decision === 'folder') {
        this._warnOnce(
          context.path,
          target.path,
          decision,
          decision === 'foreign'
            ? trans.__(
                'Paired file %1 not written: a file that Fresh did not write is there. Rename it or change the paired file name.',
                target.relativePath
              )
            : trans.__(
                'Paired file %1 not written: it is a folder. Change the paired file name.',
                target.relativePath
              )
        );
      }
    } catch (error) {
      this._warnOnce(
        context.path,
        target.path,
        'error',
        trans.__(
          'Paired file %1 not written: %2',
          target.relativePath,
          errorText(error)
        )
      );
    }
  }

  /** One notification per notebook, file and cause while the page is open. */
  private _warnOnce(
    notebookPath: string,
    path: string,
    cause: string,
    message: string
  ): void {
    const key = JSON.stringify([notebookPath, path, cause]);
    if (this._warned.has(key)) {
      return;
    }
    this._warned.add(key);
    Notification.warning(message, {
      autoClose: false,
      actions: [
        {
          label: this._trans.__('Fresh Settings'),
          caption: this._trans.__(
            "Open the Fresh panel, whose Settings section holds this notebook's paired file name"
          ),
          callback: () => void this._commands.execute(CommandIDs.openPanel)
        }
      ]
    });
  }

  private _contents: Contents.IManager;
  private _commands: CommandRegistry;
  private _trans: TranslationBundle;
  private _watched = new WeakSet<object>();
  private _queue = new WeakMap<object, Promise<void>>();
  private _warned = new Set<string>();
}

export namespace PairedFiles {
  export interface IOptions {
    contents: Contents.IManager;
    commands: CommandRegistry;
    trans: TranslationBundle;
  }
}
