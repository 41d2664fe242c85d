import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { CommandIDs, TRANSLATION_DOMAIN } from '../tokens';
import { freshIcon } from './icons';
import { FreshPanel } from './panel';

/**
 * The side panel that follows the current notebook, and the command that opens it.
 */
export const panelPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-fresh:panel',
  description:
    'The Fresh side panel: what ran, what is out of date, and settings of the current notebook.',
  autoStart: true,
  requires: [INotebookTracker],
  optional: [ICommandPalette, ILayoutRestorer, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const panel = new FreshPanel({ translator: translator ?? nullTranslator });
    app.shell.add(panel, 'right', { rank: 600, type: 'Fresh' });
    restorer?.add(panel, 'jupyterlab-fresh:panel');

    const follow = () => {
      panel.notebook = tracker.currentWidget;
    };
    tracker.currentChanged.connect(follow);
    follow();

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
    palette?.addItem({
      command: CommandIDs.openPanel,
      category: trans.__('Fresh')
    });
  }
};
