/**
 * Hands text to the browser as a file to save (a download): nothing is
 * written by the app itself, and the investigator chooses where it goes.
 */
export function saveText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The click has handed the blob over; give the browser a moment before letting it go.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
