import { ISessionContext } from '@jupyterlab/apputils';
import { Kernel } from '@jupyterlab/services';
import { ISignal, Signal } from '@lumino/signaling';

import { IStoredSession } from '../core/history';

/**
 * Which kernel process the live session runs in, and whether it is the one a saved history
 * ran in: after a page reload the kernel may still be the same (same kernel id, same process,
 * not restarted in between). Only then do the saved records count as live.
 */
export class KernelIdentity {
  constructor(sessionContext: ISessionContext) {
    this._sessionContext = sessionContext;
  }

  /** The live session as stored with the history, once its kernel's fingerprint is known. */
  get live(): IStoredSession | null {
    return this._live;
  }

  /** Emitted with the saved session id whose records now belong to the live session. */
  get adopted(): ISignal<this, { saved: string; live: string }> {
    return this._adopted;
  }

  /** The session the saved history ran in (from the notebook's metadata). */
  setSaved(session: IStoredSession | null): void {
    this._saved = session;
    this._adopt();
  }

  /** The recorder's kernel session changed: fingerprint the new kernel. */
  setSession(session: string | null, current: () => string | null): void {
    this._live = null;
    const kernel = this._sessionContext.session?.kernel;
    if (session === null || !kernel) {
      return;
    }
    void Private.fingerprint(kernel).then(fingerprint => {
      if (fingerprint && current() === session) {
        this._live = { id: session, kernelId: kernel.id, fingerprint };
        this._adopt();
      }
    });
  }

  dispose(): void {
    Signal.clearData(this);
  }

  private _adopt(): void {
    const saved = this._saved;
    const live = this._live;
    if (
      !saved ||
      !live ||
      saved.kernelId !== live.kernelId ||
      saved.fingerprint !== live.fingerprint
    ) {
      return;
    }
    this._saved = null;
    this._adopted.emit({ saved: saved.id, live: live.id });
  }

  private _sessionContext: ISessionContext;
  private _live: IStoredSession | null = null;
  private _saved: IStoredSession | null = null;
  private _adopted = new Signal<this, { saved: string; live: string }>(this);
}

namespace Private {
  /**
   * Something that changes when the kernel process restarts: its process id, asked silently
   * (no execution count, no history, nothing defined). Null for kernels that cannot say.
   */
  export async function fingerprint(
    kernel: Kernel.IKernelConnection
  ): Promise<string | null> {
    try {
      const reply = await kernel.requestExecute({
        code: '',
        silent: true,
        store_history: false,
        user_expressions: { pid: '__import__("os").getpid()' }
      }).done;
      const content = reply.content as {
        status: string;
        user_expressions?: Record<
          string,
          { status?: string; data?: Record<string, unknown> }
        >;
      };
      const pid = content.user_expressions?.pid;
      const text = pid?.status === 'ok' ? pid.data?.['text/plain'] : undefined;
      return typeof text === 'string' ? `pid:${text}` : null;
    } catch {
      return null;
    }
  }
}
