/**
 * A small RFC 5545 writer: exactly what the theme feeds need, written by hand so that line
 * folding, escaping and UTC times are under our control.
 */

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // Other control characters are not allowed in TEXT.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  );
}

/**
 * Folds a content line into lines of at most 75 octets (§3.1): continuation lines start with a
 * space, and a UTF-8 sequence is never split across lines.
 */
export function foldLine(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = MAX_OCTETS;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    // Step back while the cut would land inside a multi-byte sequence (on a continuation byte).
    while (end < bytes.length && end > start && (bytes[end]! & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = MAX_OCTETS - 1; // the leading space counts
  }
  return parts.join(`${CRLF} `);
}

/** An instant as a UTC DATE-TIME, e.g. 20200414T150000Z. */
export function utcDateTime(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** One property: NAME[;PARAMS]:value, where the value is already in its final form. */
export type Property = [name: string, value: string];

export interface Component {
  name: string;
  properties: Property[];
  components?: Component[];
}

function lines(component: Component): string[] {
  return [
    `BEGIN:${component.name}`,
    ...component.properties.map(([name, value]) => foldLine(`${name}:${value}`)),
    ...(component.components ?? []).flatMap(lines),
    `END:${component.name}`,
  ];
}

/** Serialises a component tree with CRLF line endings (including after the last line). */
export function serialize(component: Component): string {
  return lines(component).join(CRLF) + CRLF;
}
