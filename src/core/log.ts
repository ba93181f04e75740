/**
 * The one place that logs. Every line goes through `redact` before it reaches a
 * sink (VS Code's LogOutputChannel, the CLI's stderr, a test's array), so no
 * token, password or Authorization value can leak from any caller.
 */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

const LEVELS: Record<LogLevel, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4 };

export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type LogSink = (level: LogLevel, line: string) => void;

export const REDACTED = '[redacted]';

const SECRET_PATTERNS: Array<[RegExp, string]> = [
  // Authorization / Proxy-Authorization header values, in any rendering.
  [/((?:proxy-)?authorization["']?\s*[:=]\s*["']?)(?:(bearer|basic|negotiate|digest)\s+)?[^\s"',}]+/gi, `$1$2 ${REDACTED}`],
  // Form or query fields that carry secrets (ACR token exchange, OAuth).
  [/\b(access_token|refresh_token|id_token|password|passwd|client_secret|token|assertion|code)=([^&\s"']+)/gi, `$1=${REDACTED}`],
  // JSON fields that carry secrets.
  [/("(?:access_token|refresh_token|id_token|accessToken|refreshToken|password|passwords|secret|client_secret|token|auth|identitytoken|value)"\s*:\s*)"[^"]*"/gi, `$1"${REDACTED}"`],
  // Userinfo in URLs: https://user:pass@host
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi, `$1${REDACTED}@`],
  // Anything that looks like a JWT.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
];

export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out.replace(/ {2,}\[redacted\]/g, ` ${REDACTED}`).replace(/: \[redacted\]/g, `: ${REDACTED}`);
}

/** Header names whose values are never logged, whatever they contain. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-ms-authorization-auxiliary']);

export function redactHeaders(headers: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : redact(value);
  }
  return out;
}

export function createLogger(sink: LogSink, minimum: LogLevel = 'info'): Logger {
  const emit = (level: LogLevel) => (message: string) => {
    if (LEVELS[level] >= LEVELS[minimum]) sink(level, redact(message));
  };
  return { trace: emit('trace'), debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

export const silentLogger: Logger = createLogger(() => undefined, 'error');

/** A logger that keeps its lines: for tests that assert nothing secret was logged. */
export function createMemoryLogger(minimum: LogLevel = 'trace'): Logger & { lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger((level, line) => lines.push(`[${level}] ${line}`), minimum);
  return Object.assign(logger, { lines });
}
