import { JupyterFrontEndPlugin } from '@jupyterlab/application';

import { panelPlugin } from './lab/plugins';

/**
 * The plugins of jupyterlab-fresh. This file only lists them.
 */
const plugins: JupyterFrontEndPlugin<unknown>[] = [panelPlugin];

export default plugins;
