import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { IFormRendererRegistry } from '@jupyterlab/ui-components';
import * as React from 'react';

import { IFreshNotebook, IFreshTracker, TRANSLATION_DOMAIN } from '../tokens';
import { SettingsView } from './settingsview';

const PLUGIN_ID = 'jupyterlab-fresh:notebook-tools';

/**
 * The notebook's Fresh settings as a section of Notebook Tools (schema/notebook-tools.json).
 * It renders the panel's Settings tab, so both edit `fresh` metadata through the same
 * validation, show where each value comes from, and never write a value equal to the default.
 */
export const notebookToolsPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    'Shows the Fresh settings of the current notebook in the Notebook Tools of the Property Inspector.',
  autoStart: true,
  requires: [IFreshTracker, INotebookTracker],
  optional: [IFormRendererRegistry, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    fresh: IFreshTracker,
    notebooks: INotebookTracker,
    renderers: IFormRendererRegistry | null,
    translator: ITranslator | null
  ): void => {
    if (!renderers) {
      return;
    }
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    renderers.addRenderer(`${PLUGIN_ID}.renderer`, {
      fieldRenderer: () => {
        const current = useCurrentFresh(fresh, notebooks);
        return current ? (
          <SettingsView fresh={current} trans={trans} />
        ) : (
          <p className="jp-Fresh-empty">
            {trans.__('Open a notebook to see its Fresh settings.')}
          </p>
        );
      }
    });
  }
};

/** The current notebook's Fresh state, re-rendering when it or its settings change. */
function useCurrentFresh(
  fresh: IFreshTracker,
  notebooks: INotebookTracker
): IFreshNotebook | null {
  const find = () => {
    const panel = notebooks.currentWidget;
    return panel ? (fresh.get(panel) ?? null) : null;
  };
  const [current, setCurrent] = React.useState(find);
  const [, setVersion] = React.useState(0);
  React.useEffect(() => {
    const follow = () => setCurrent(find());
    notebooks.currentChanged.connect(follow);
    fresh.added.connect(follow);
    return () => {
      notebooks.currentChanged.disconnect(follow);
      fresh.added.disconnect(follow);
    };
  }, [fresh, notebooks]);
  React.useEffect(() => {
    const bump = () => setVersion(version => version + 1);
    current?.changed.connect(bump);
    return () => {
      current?.changed.disconnect(bump);
    };
  }, [current]);
  return current;
}
