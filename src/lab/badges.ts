import { Cell } from '@jupyterlab/cells';
import { NotebookPanel } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import { IDisposable } from '@lumino/disposable';
import { Signal } from '@lumino/signaling';

import { CELL_FLAGS, CellFlag } from '../core/types';
import { IFreshNotebook } from '../tokens';

/** Short words for badges; the reasons in the tooltip say the rest. */
export function flagLabel(flag: CellFlag, trans: TranslationBundle): string {
  switch (flag) {
    case 'stale':
      return trans.__('stale');
    case 'out-of-order':
      return trans.__('out of order');
    case 'hidden-state':
      return trans.__('deleted code');
    case 'edited':
      return trans.__('edited');
    case 'never-run':
      return trans.__('not run');
    case 'error':
      return trans.__('error');
    case 'opaque':
      return trans.__('opaque');
  }
}

/**
 * Puts a badge beside the prompt of every flagged code cell of one notebook view, and a
 * `jp-Fresh-<flag>` class on the cell node. Cells without a flag are left untouched.
 * Only cells whose verdict changed are touched, so an update costs little in long notebooks.
 */
export class CellBadges implements IDisposable {
  constructor(options: CellBadges.IOptions) {
    this._panel = options.panel;
    this._fresh = options.fresh;
    this._trans = options.trans;
    this._fresh.changed.connect(this.update, this);
    this._panel.content.model?.cells.changed.connect(this.update, this);
    this.update();
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  update(): void {
    if (this._isDisposed) {
      return;
    }
    // Badges, and which kinds, are settings (global, or this notebook's).
    const { badges, badgeKinds } = this._fresh.settings.values;
    for (const cell of this._panel.content.widgets) {
      const status = badges ? this._fresh.statusOf(cell.model.id) : undefined;
      const flags =
        status?.flags.filter(flag => badgeKinds.includes(flag)) ?? [];
      const key =
        flags.length > 0
          ? `${flags.join(' ')}\n${status?.reasons.join('\n')}`
          : '';
      if (this._shown.get(cell) === key) {
        continue;
      }
      this._shown.set(cell, key);
      Private.apply(cell, flags, status?.reasons ?? [], this._trans);
    }
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    for (const cell of this._panel.content.widgets) {
      Private.apply(cell, [], [], this._trans);
    }
    Signal.clearData(this);
  }

  private _panel: NotebookPanel;
  private _fresh: IFreshNotebook;
  private _trans: TranslationBundle;
  private _shown = new WeakMap<Cell, string>();
  private _isDisposed = false;
}

export namespace CellBadges {
  export interface IOptions {
    panel: NotebookPanel;
    fresh: IFreshNotebook;
    trans: TranslationBundle;
  }
}

namespace Private {
  const BADGE_CLASS = 'jp-Fresh-badge';

  export function apply(
    cell: Cell,
    flags: CellFlag[],
    reasons: string[],
    trans: TranslationBundle
  ): void {
    for (const flag of CELL_FLAGS) {
      cell.toggleClass(`jp-Fresh-${flag}`, flags.includes(flag));
    }
    cell.toggleClass('jp-Fresh-flagged', flags.length > 0);
    let badge = cell.node.querySelector<HTMLElement>(
      `:scope > .${BADGE_CLASS}`
    );
    if (flags.length === 0) {
      badge?.remove();
      return;
    }
    if (!badge) {
      badge = document.createElement('div');
      badge.className = BADGE_CLASS;
      badge.setAttribute('role', 'status');
      cell.node.insertBefore(badge, cell.node.firstChild);
    }
    const first = flags[0];
    const more = flags.length > 1 ? ` +${flags.length - 1}` : '';
    badge.textContent = `${flagLabel(first, trans)}${more}`;
    badge.dataset.freshFlag = first;
    badge.dataset.freshFlags = flags.join(' ');
    const why = reasons.join('\n');
    const words = flags.map(flag => flagLabel(flag, trans)).join(', ');
    badge.title = why ? `${words}\n${why}` : words;
    badge.setAttribute('aria-label', trans.__('Fresh: %1. %2', words, why));
  }
}
