// Saves data the app fetched itself (with its Bearer header) as a file, the way a plain link
// download would, under a name made from what it is.

/** Long enough for the browser to start reading the blob before its address is revoked. */
const REVOKE_DELAY_MS = 10_000;

export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_DELAY_MS);
}

/** "Spring drop: gym wear" → "spring-drop-gym-wear"; `fallback` when nothing of the name is left. */
export function fileSlug(name: string, fallback: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug || fallback;
}
