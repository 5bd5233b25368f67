import { IMPORT_CHUNK_BYTES } from '../../shared/import-types.js';
import type { ImportUpload } from '../../shared/import-types.js';

// Sends a chosen file's content to main in chunks (the window also runs in a plain browser,
// which never learns a file's path; main says more in import-uploads.ts). One chunk at a time:
// the server takes a call of at most 1 MB, and main appends in order.

export interface UploadCalls {
  begin(fileName: string, size: number): Promise<ImportUpload>;
  append(upload: string, offset: number, data: string): Promise<ImportUpload>;
}

/** The bytes as base64, built in slices so a 512 KB chunk never becomes one huge argument list. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Uploads `file`; `onProgress(bytesSent, size)` after each chunk. Returns the upload's id. */
export async function uploadFile(
  calls: UploadCalls,
  file: Blob & { name: string },
  onProgress: (sent: number, size: number) => void,
  signal?: AbortSignal,
): Promise<string> {
  const { upload } = await calls.begin(file.name, file.size);
  let offset = 0;
  while (offset < file.size) {
    if (signal?.aborted) throw new DOMException('The upload was cancelled.', 'AbortError');
    const chunk = new Uint8Array(
      await file.slice(offset, offset + IMPORT_CHUNK_BYTES).arrayBuffer(),
    );
    const { bytes } = await calls.append(upload, offset, toBase64(chunk));
    offset = bytes;
    onProgress(offset, file.size);
  }
  return upload;
}

/** "+01:00", "-5", "+0530" -> minutes east of UTC; null when it is not an offset. */
export function parseOffsetInput(text: string): number | null {
  const m = /^\s*(?:UTC)?\s*([+-])(\d{1,2})(?::?(\d{2}))?\s*$/i.exec(text);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (hours > 14 || minutes > 59) return null;
  const total = (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  return total < -720 || total > 840 ? null : total;
}

/** Minutes east of UTC as "+01:00". */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
