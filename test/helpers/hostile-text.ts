/**
 * What a hostile page puts in its title and seller name to take over the
 * terminal of whoever prints it: clear screen, an OSC 8 link, an OSC 52
 * clipboard write, BEL, a C1 CSI, DEL and bidi isolates and overrides.
 */
export const HOSTILE = 'Evil\u001b[2J\u001b]8;;http://evil.example/\u0007link\u001b]8;;\u0007\u001b]52;c;ZXZpbA==\u0007\u0007\u009b31m\u007f\u2066rtl\u2069\u202eabc\u202c\u200f end';

/** Every character that must never reach a terminal raw. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** A marketplace page whose title and seller name carry HOSTILE, set by script as a page would. */
export function hostilePage(html: string): string {
  const script = `<script>(() => {
    const evil = ${JSON.stringify(HOSTILE)};
    document.title = evil + ' thermoskanne';
    document.getElementById('productTitle').textContent = evil + ' Thermoskanne';
    document.getElementById('sellerProfileTriggerId').textContent = evil + ' Handel';
  })();</script>`;
  return html.replace('</body>', `${script}</body>`);
}
