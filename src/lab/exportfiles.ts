/**
 * Reading and writing exports through the Contents API (the server's files, wherever they
 * live). Whether a write may happen is decided in `exportpolicy.ts`.
 */
import { PathExt } from '@jupyterlab/coreutils';
import { Contents } from '@jupyterlab/services';

import { IExistingFile } from './exportpolicy';

/**
 * The file at `path`, or null when there is none; other failures are thrown. Looked up in a
 * listing of its folder first: asking for a file that is not there answers 404, which the
 * browser logs as an error in its console on every export to a new file.
 */
export async function readExisting(
  contents: Contents.IManager,
  path: string
): Promise<IExistingFile | null> {
  const drive = contents.driveName(path);
  const local = contents.localPath(path);
  const folder = PathExt.dirname(local);
  let listing: Contents.IModel;
  try {
    listing = await contents.get(drive ? `${drive}:${folder}` : folder, {
      content: true
    });
  } catch (error) {
    // No folder, no file: the write says what is wrong with the path.
    if (Private.isNotFound(error)) {
      return null;
    }
    throw error;
  }
  const name = PathExt.basename(local);
  const entries = Array.isArray(listing.content)
    ? (listing.content as Contents.IModel[])
    : [];
  const entry = entries.find(item => item.name === name);
  if (!entry) {
    return null;
  }
  if (entry.type === 'directory') {
    return { type: entry.type, content: null };
  }
  try {
    const model = await contents.get(path, { content: true });
    return { type: model.type, content: model.content };
  } catch (error) {
    // Removed since the listing.
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
