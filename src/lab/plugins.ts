import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  ICommandPalette,
  ISessionContextDialogs,
  Notification
} from '@jupyterlab/apputils';
import {
  INotebookTracker,
  NotebookActions,
  NotebookPanel
} from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import {
  CommandIDs,
  IFreshNotebook,
  IFreshTracker,
  TRANSLATION_DOMAIN
} from '../tokens';
import { askBeforeActing } from './dialogs';
import { exportIcon, showExportDialog } from './exportdialog';
import { IChosenCell } from './exportpolicy';
import { freshIcon } from './icons';
import { PairedFiles } from './paired';
import { FreshPanel } from './panel';
import { FreshTracker } from './tracker';

/** The global settings (schema/settings.json). */
const SETTINGS_ID = 'jupyterlab-fresh:settings';

/**
 * The oldest releases of each front end the extension is built and tested for (package.json's
 * `^4.2.0`; Notebook 7.N is built on JupyterLab 4.N). Other front ends are not checked.
 */
const OLDEST: { [app: string]: string } = {
  JupyterLab: '4.2.0',
  'Jupyter Notebook': '7.2.0'
};

/** The oldest supported release of the front end `app` when `version` is older, else null. */
export function unsupportedBelow(app: string, version: string): string | null {
  const oldest = OLDEST[app];
  if (oldest === undefined) {
    return null;
  }
  const parts = (v: string) =>
    v.split(/[.+-]/, 3).map(part => parseInt(part, 10));
  const [have, need] = [parts(version), parts(oldest)];
  for (let i = 0; i < 3; i++) {
    if (have[i] !== need[i]) {
      return have[i] < need[i] ? oldest : null;
    }
  }
  return null;
}

/**
 * Records executions and keeps the analysis of every open notebook; puts badges on cells.
 */
export const trackerPlugin: JupyterFrontEndPlugin<IFreshTracker> = {
  id: 'jupyterlab-fresh:tracker',
  description:
    'Records every execution of every open notebook and marks the cells that Restart and Run All would change.',
  autoStart: true,
  provides: IFreshTracker,
  requires: [INotebookTracker],
  optional: [ISettingRegistry, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    notebooks: INotebookTracker,
    registry: ISettingRegistry | null,
    translator: ITranslator | null
  ): IFreshTracker => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const oldest = unsupportedBelow(app.name, app.version);
    if (oldest !== null) {
      // Said once; the other plugins need this one and stay off: better than half working.
      const message = trans.__(
        'jupyterlab-fresh needs %1 %2 or later; this is %1 %3. It is turned off.',
        app.name,
        oldest,
        app.version
      );
      Notification.warning(message, { autoClose: false });
      throw new Error(message);
    }
    const tracker = new FreshTracker({ trans });
    if (registry) {
      void registry
        .load(SETTINGS_ID)
        .then(settings => {
          const apply = () => tracker.setGlobals(settings.composite);
          settings.changed.connect(apply);
          apply();
        })
        .catch(reason =>
          console.error(`jupyterlab-fresh: cannot load ${SETTINGS_ID}`, reason)
        );
    }
    notebooks.forEach(panel => tracker.add(panel));
    notebooks.widgetAdded.connect((_, panel) => tracker.add(panel));
    return tracker;
  }
};

/**
 * The side panel that follows the current notebook, and the commands that act on it.
 */
export const panelPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-fresh:panel',
  description:
    'The Fresh side panel: what ran, what is out of date, and the commands to bring it up to date.',
  autoStart: true,
  requires: [INotebookTracker, IFreshTracker],
  optional: [
    ICommandPalette,
    ILayoutRestorer,
    ISessionContextDialogs,
    ITranslator
  ],
  activate: (
    app: JupyterFrontEnd,
    notebooks: INotebookTracker,
    freshTracker: IFreshTracker,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null,
    sessionDialogs: ISessionContextDialogs | null,
    translator: ITranslator | null
  ): void => {
    translator = translator ?? nullTranslator;
    const trans = translator.load(TRANSLATION_DOMAIN);
    const panel = new FreshPanel({ commands: app.commands, translator });
    app.shell.add(panel, 'right', { rank: 600, type: 'Fresh' });
    restorer?.add(panel, 'jupyterlab-fresh:panel');

    const current = (): IFreshNotebook | null => {
      const widget = notebooks.currentWidget;
      return widget ? (freshTracker.get(widget) ?? null) : null;
    };
    /**
     * The view the user is in and its document's model. Views of one notebook share the
     * model; the active cell and where cells run are the view's.
     */
    const currentView = (): {
      view: NotebookPanel;
      fresh: IFreshNotebook;
    } | null => {
      const view = notebooks.currentWidget;
      const fresh = view ? freshTracker.get(view) : undefined;
      return view && fresh ? { view, fresh } : null;
    };
    const follow = () => {
      panel.follow(notebooks.currentWidget, current());
    };
    notebooks.currentChanged.connect(follow);
    freshTracker.added.connect(follow);
    follow();

    const run = (
      notebook: NotebookPanel,
      cellIds: string[]
    ): Promise<boolean> => {
      const byId = new Map(
        notebook.content.widgets.map(cell => [cell.model.id, cell])
      );
      const cells = cellIds.flatMap(id => byId.get(id) ?? []);
      // Queued in order: the kernel drops the rest of the queue at the first error.
      return NotebookActions.runCells(
        notebook.content,
        cells,
        notebook.sessionContext,
        sessionDialogs ?? undefined,
        translator ?? undefined
      );
    };
    const hasNotebook = () => current() !== null;

    app.commands.addCommand(CommandIDs.openPanel, {
      label: trans.__('Open the Fresh Panel'),
      caption: trans.__(
        'Show what ran and what is out of date in this notebook'
      ),
      icon: args => (args.isPalette ? undefined : freshIcon),
      describedBy: { args: { type: 'object', properties: {} } },
      execute: () => {
        app.shell.activateById(panel.id);
      }
    });

    app.commands.addCommand(CommandIDs.bringUpToDate, {
      label: args => {
        const result = current()?.result;
        const count = result?.plan.length ?? 0;
        if (args.isPalette || count === 0) {
          return trans.__('Bring Notebook up to Date');
        }
        return result?.restart
          ? trans._n(
              'Restart Kernel and Run %1 Cell',
              'Restart Kernel and Run %1 Cells',
              count
            )
          : trans._n(
              'Bring Notebook up to Date (%1 cell)',
              'Bring Notebook up to Date (%1 cells)',
              count
            );
      },
      caption: trans.__(
        'Run only the cells needed so that every output matches Restart Kernel and Run All'
      ),
      describedBy: { args: { type: 'object', properties: {} } },
      isEnabled: hasNotebook,
      execute: async () => {
        const target = currentView();
        if (!target) {
          return false;
        }
        const { plan, restart } = target.fresh.currentResult();
        if (!restart) {
          return run(target.view, plan);
        }
        const sessionContext = target.view.sessionContext;
        const goAhead = await askBeforeActing(
          trans.__('Restart the Kernel?'),
          trans._n(
            'The kernel holds values that no cell defines any more, and re-running cells cannot remove them. Restart the kernel and run the %1 cell that must change or that those need? Every variable the kernel holds now is lost.',
            'The kernel holds values that no cell defines any more, and re-running cells cannot remove them. Restart the kernel and run the %1 cells that must change or that those need? Every variable the kernel holds now is lost.',
            plan.length
          ),
          trans.__('Restart and Run')
        );
        // The kernel may have gone while the dialog was open.
        if (!goAhead || !sessionContext.session?.kernel) {
          return false;
        }
        await sessionContext.restartKernel();
        return run(target.view, plan);
      }
    });

    app.commands.addCommand(CommandIDs.runCellNeeds, {
      label: trans.__('Run What This Cell Needs'),
      caption: trans.__(
        'Run the cells this cell depends on that are out of date, then the cell'
      ),
      describedBy: {
        args: {
          type: 'object',
          properties: {
            cellId: {
              type: 'string',
              description: trans.__('The cell (default: the active cell)')
            }
          }
        }
      },
      isEnabled: args => {
        const target = currentView();
        const id =
          (args.cellId as string | undefined) ??
          target?.view.content.activeCell?.model.id;
        return !!target && !!id;
      },
      execute: async args => {
        const target = currentView();
        const id =
          (args.cellId as string | undefined) ??
          target?.view.content.activeCell?.model.id;
        if (!target || !id) {
          return false;
        }
        return run(target.view, target.fresh.planFor(id));
      }
    });

    app.commands.addCommand(CommandIDs.jumpToCell, {
      label: trans.__('Go to Cell'),
      describedBy: {
        args: {
          type: 'object',
          properties: { cellId: { type: 'string' } },
          required: ['cellId']
        }
      },
      execute: async args => {
        const view = currentView()?.view;
        if (!view) {
          return;
        }
        const notebook = view.content;
        const index = notebook.widgets.findIndex(
          cell => cell.model.id === args.cellId
        );
        if (index < 0) {
          return;
        }
        app.shell.activateById(view.id);
        notebook.mode = 'command';
        notebook.activeCellIndex = index;
        notebook.deselectAll();
        await notebook.scrollToItem(index, 'smart');
      }
    });

    for (const command of [
      CommandIDs.openPanel,
      CommandIDs.bringUpToDate,
      CommandIDs.runCellNeeds
    ]) {
      palette?.addItem({ command, category: trans.__('Fresh') });
    }
  }
};

/**
 * Export as Python: the dialog (clean script, code for one cell, code as run, module), and
 * the paired file written on every save of the notebooks that enable it.
 */
export const exportPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-fresh:export',
  description:
    'Export a notebook as a clean Python script, the code one cell needs, the code as it ran or a module; write the paired file on save.',
  autoStart: true,
  requires: [INotebookTracker, IFreshTracker],
  optional: [ICommandPalette, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    notebooks: INotebookTracker,
    freshTracker: IFreshTracker,
    palette: ICommandPalette | null,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const { commands } = app;
    const contents = app.serviceManager.contents;

    /** The current notebook, if export can write it (Python only). */
    const current = (): IFreshNotebook | null => {
      const widget = notebooks.currentWidget;
      const fresh = widget ? freshTracker.get(widget) : undefined;
      return fresh && fresh.language === 'python' ? fresh : null;
    };
    // Toolbar buttons ask `isEnabled` only when told that it may have changed.
    let enabled = false;
    const refreshEnabled = () => {
      if (enabled !== (current() !== null)) {
        enabled = !enabled;
        commands.notifyCommandChanged(CommandIDs.exportScript);
      }
    };

    const paired = new PairedFiles({ contents, commands, trans });
    const follow = (fresh: IFreshNotebook) => {
      paired.watch(fresh);
      // The kernel language is known late, and can change.
      fresh.changed.connect(refreshEnabled);
      refreshEnabled();
    };
    freshTracker.added.connect((_, fresh) => follow(fresh));
    notebooks.forEach(panel => {
      const fresh = freshTracker.get(panel);
      if (fresh) {
        follow(fresh);
      }
    });
    notebooks.currentChanged.connect(refreshEnabled);
    /** The code cell `cellId`, or the active cell when it is code. */
    const codeCell = (
      fresh: IFreshNotebook,
      cellId: unknown
    ): IChosenCell | null => {
      const id =
        typeof cellId === 'string'
          ? cellId
          : notebooks.currentWidget?.content.activeCell?.model.id;
      const index = fresh
        .cells()
        .findIndex(cell => cell.id === id && cell.cellType === 'code');
      return id !== undefined && index >= 0 ? { cellId: id, index } : null;
    };
    const open = (forCell: boolean, cellId: unknown): Promise<void> => {
      const fresh = current();
      if (!fresh) {
        return Promise.resolve();
      }
      const cell = codeCell(fresh, cellId);
      if (forCell && !cell) {
        return Promise.resolve();
      }
      return showExportDialog({
        fresh,
        cell,
        forCell,
        contents,
        commands,
        trans
      });
    };
    const cellArgs = {
      type: 'object',
      properties: {
        cellId: {
          type: 'string',
          description: trans.__('The cell (default: the active cell)')
        }
      }
    };

    commands.addCommand(CommandIDs.exportScript, {
      label: args => (args.toolbar ? '' : trans.__('Export Clean Script…')),
      caption: trans.__(
        'Export this notebook as a Python script that runs from top to bottom'
      ),
      icon: args => (args.isPalette ? undefined : exportIcon),
      describedBy: { args: { type: 'object', properties: {} } },
      isEnabled: () => current() !== null,
      execute: () => open(false, undefined)
    });

    commands.addCommand(CommandIDs.exportCell, {
      label: trans.__('Export Code for This Cell…'),
      caption: trans.__(
        'Export only the code this cell needs, and the cell, as a Python script'
      ),
      icon: args => (args.isPalette ? undefined : exportIcon),
      describedBy: { args: cellArgs },
      isEnabled: args => {
        const fresh = current();
        return !!fresh && codeCell(fresh, args.cellId) !== null;
      },
      execute: args => open(true, args.cellId)
    });

    for (const command of [CommandIDs.exportScript, CommandIDs.exportCell]) {
      palette?.addItem({ command, category: trans.__('Fresh') });
    }
  }
};
