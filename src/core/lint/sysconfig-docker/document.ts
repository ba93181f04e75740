/**
 * Shell-style `NAME=value` assignments of /etc/sysconfig/docker, read the way
 * systemd's EnvironmentFile= and a POSIX shell agree on: '#' or ';' comment lines,
 * single quotes literal (may span lines), double quotes with backslash escapes,
 * backslash-newline continuation outside quotes.
 */

export interface QuotedSegment {
  quote: "'" | '"';
  /** Offset of the opening and closing quote characters. */
  open: number;
  /** Undefined when the quote is never closed. */
  close: number | undefined;
}

export interface Assignment {
  name: string;
  /** The value after quote removal. */
  value: string;
  /** Offsets: the name, the raw value text. */
  nameStart: number;
  valueStart: number;
  valueEnd: number;
  segments: QuotedSegment[];
  unterminated: boolean;
}

export interface SysconfigDoc {
  assignments: Assignment[];
}

const NAME = /(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)=/y;

export function parseSysconfig(text: string): SysconfigDoc {
  const assignments: Assignment[] = [];
  let i = 0;
  const n = text.length;
  const skipLine = () => {
    while (i < n && text[i] !== '\n') i++;
    i++;
  };
  while (i < n) {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r' || text[i] === '\n')) i++;
    if (i >= n) break;
    if (text[i] === '#' || text[i] === ';') {
      skipLine();
      continue;
    }
    NAME.lastIndex = i;
    const match = NAME.exec(text);
    if (!match) {
      skipLine();
      continue;
    }
    const nameStart = i + match[0].length - match[1].length - 1;
    i += match[0].length;
    const valueStart = i;
    let value = '';
    const segments: QuotedSegment[] = [];
    let unterminated = false;
    while (i < n && !/[ \t\r\n;]/.test(text[i])) {
      const c = text[i];
      if (c === "'" || c === '"') {
        const segment: QuotedSegment = { quote: c, open: i, close: undefined };
        i++;
        while (i < n && text[i] !== c) {
          if (c === '"' && text[i] === '\\' && i + 1 < n) {
            const next = text[i + 1];
            if (next === '\n') i += 2;
            else if ('"\\$`'.includes(next)) {
              value += next;
              i += 2;
            } else {
              value += '\\';
              i++;
            }
            continue;
          }
          value += text[i++];
        }
        if (i < n) segment.close = i++;
        else unterminated = true;
        segments.push(segment);
      } else if (c === '\\' && i + 1 < n) {
        if (text[i + 1] !== '\n') value += text[i + 1];
        i += 2;
      } else {
        value += c;
        i++;
      }
    }
    assignments.push({ name: match[1], value, nameStart, valueStart, valueEnd: i, segments, unterminated });
    if (i < n && text[i] !== '\n') skipLine();
  }
  return { assignments };
}
