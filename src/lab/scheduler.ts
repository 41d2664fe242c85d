/**
 * Coalesces refresh requests: any number of them before the next animation frame give one
 * refresh; `flush` runs a pending one now, for questions about the notebook as it is.
 */
export class RefreshScheduler {
  constructor(refresh: () => void) {
    this._refresh = refresh;
  }

  /** Whether a refresh is requested and has not run yet. */
  get pending(): boolean {
    return this._pending;
  }

  schedule(): void {
    if (this._pending || this._isDisposed) {
      return;
    }
    this._pending = true;
    requestAnimationFrame(() => this.flush());
  }

  /** Runs the pending refresh now, if there is one. */
  flush(): void {
    if (this._pending && !this._isDisposed) {
      this._pending = false;
      this._refresh();
    }
  }

  /** A refresh ran by other means: the pending one is no longer needed. */
  done(): void {
    this._pending = false;
  }

  dispose(): void {
    this._isDisposed = true;
  }

  private _refresh: () => void;
  private _pending = false;
  private _isDisposed = false;
}
