/**
 * Reading and writing exports through the Contents API (the server's files, wherever they
 * live). Whether a write may happen is decided in `exportpolicy.ts`.
 */
import { Contents } from '@jupyterlab/services';

import { IExistingFile } from './exportpolicy';

/** The file at `path`, or null when there is none; other failures are thrown. */
export async function readExisting(
  contents: Contents.IManager,
  path: string
): Promise<IExistingFile | null> {
  try {
    const model = await contents.get(path, { content: true });
    return { type: model.type, content: model.content };
  } catch (error) {
    if (Private.isNotFound(error)) {
      return null;
    }
    throw error;
  }
}

/** Writes `text` as a text file, replacing what is there. */
export async function writeText(
  contents: Contents.IManager,
  path: string,
  text: string
): Promise<void> {
  await contents.save(path, { type: 'file', format: 'text', content: text });
}

/** Offers `text` to the browser as a download named `fileName`. */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(
    new Blob([text], { type: 'text/x-python;charset=utf-8' })
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked later: some browsers start the download only after `click` returns.
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** A short description of a failure, for a message. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

namespace Private {
  /** A `ServerConnection.ResponseError` for a 404 (checked by shape, not by class). */
  export function isNotFound(error: unknown): boolean {
    if (typeof error !== 'object' || error === null || !('response' in error)) {
      return false;
    }
    const response = (error as { response: unknown }).response;
    return (
      typeof response === 'object' &&
      response !== null &&
      'status' in response &&
      (response as { status: unknown }).status === 404
    );
  }
}
