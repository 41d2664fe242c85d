import { NotebookPanel } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { ReactWidget, SidePanel } from '@jupyterlab/ui-components';
import * as React from 'react';

import { TRANSLATION_DOMAIN } from '../tokens';
import { freshIcon } from './icons';

/**
 * The Fresh side panel. It follows the notebook it is given; the plugin feeds it the
 * current notebook of the shell.
 */
export class FreshPanel extends SidePanel {
  constructor(options: FreshPanel.IOptions = {}) {
    const translator = options.translator ?? nullTranslator;
    super({ translator });
    const trans = translator.load(TRANSLATION_DOMAIN);
    this.id = 'jp-Fresh-panel';
    this.addClass('jp-Fresh-panel');
    this.title.icon = freshIcon;
    this.title.caption = trans.__('Fresh');
    this.node.setAttribute('role', 'region');
    this.node.setAttribute('aria-label', trans.__('Fresh: notebook freshness'));

    const title = document.createElement('h2');
    title.className = 'jp-Fresh-panelTitle';
    title.textContent = trans.__('Fresh');
    this.header.node.appendChild(title);

    this._body = new Private.Body(translator);
    this._body.title.label = trans.__('Notebook');
    this.addWidget(this._body);
  }

  /** The notebook the panel shows, or null. */
  get notebook(): NotebookPanel | null {
    return this._body.notebook;
  }
  set notebook(panel: NotebookPanel | null) {
    this._body.notebook = panel;
  }

  private _body: Private.Body;
}

export namespace FreshPanel {
  export interface IOptions {
    translator?: ITranslator;
  }
}

namespace Private {
  export class Body extends ReactWidget {
    constructor(translator: ITranslator) {
      super();
      this._trans = translator.load(TRANSLATION_DOMAIN);
      this.addClass('jp-Fresh-panelBody');
    }

    get notebook(): NotebookPanel | null {
      return this._notebook;
    }
    set notebook(panel: NotebookPanel | null) {
      if (this._notebook === panel) {
        return;
      }
      this._notebook?.context.pathChanged.disconnect(this.update, this);
      this._notebook = panel;
      panel?.context.pathChanged.connect(this.update, this);
      this.update();
    }

    render(): JSX.Element {
      const trans = this._trans;
      const panel = this._notebook;
      if (!panel || panel.isDisposed) {
        return (
          <p className="jp-Fresh-empty" data-fresh-state="no-notebook">
            {trans.__('Open a notebook to see what is fresh in it.')}
          </p>
        );
      }
      return (
        <p data-fresh-state="notebook" data-fresh-path={panel.context.path}>
          {trans.__('Notebook: %1', panel.context.localPath)}
        </p>
      );
    }

    private _notebook: NotebookPanel | null = null;
    private _trans;
  }
}
