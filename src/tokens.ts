/**
 * Command ids and tokens shared by the plugins of jupyterlab-fresh.
 */
export namespace CommandIDs {
  export const openPanel = 'jupyterlab-fresh:open-panel';
}

/** The translation domain of every visible string. */
export const TRANSLATION_DOMAIN = 'jupyterlab_fresh';
