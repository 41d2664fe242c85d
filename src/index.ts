import { JupyterFrontEndPlugin } from '@jupyterlab/application';

import { panelPlugin, trackerPlugin } from './lab/plugins';

/**
 * The plugins of jupyterlab-fresh. This file only lists them.
 */
const plugins: JupyterFrontEndPlugin<unknown>[] = [trackerPlugin, panelPlugin];

export default plugins;
