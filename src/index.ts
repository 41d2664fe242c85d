import { JupyterFrontEndPlugin } from '@jupyterlab/application';

import { notebookToolsPlugin } from './lab/notebooktools';
import { exportPlugin, panelPlugin, trackerPlugin } from './lab/plugins';

/**
 * The plugins of jupyterlab-fresh. This file only lists them.
 */
const plugins: JupyterFrontEndPlugin<unknown>[] = [
  trackerPlugin,
  panelPlugin,
  notebookToolsPlugin,
  exportPlugin
];

export default plugins;
