/** The one HTML escape of the reports: text made safe for element content and attribute values. */

/** Escapes `&`, `<`, `>`, `"` and `'`, so that text from a file shows as text, never as markup. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
