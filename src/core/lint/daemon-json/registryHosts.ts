import { isIP } from 'node:net';

// distribution/reference's domain grammar: dot-separated labels, optional :port.
const HOST_PORT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?$/;

export function isCidr(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash < 0) return false;
  const ip = value.slice(0, slash);
  const bits = value.slice(slash + 1);
  const family = isIP(ip);
  if (family === 0 || !/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/** Why dockerd's validateHostPort rejects `value`, or undefined when it accepts it. */
export function hostPortError(value: string): string | undefined {
  let host = value;
  let port = '';
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(value);
  if (bracketed) {
    host = bracketed[1];
    port = bracketed[2] ?? '';
  } else {
    const colon = value.lastIndexOf(':');
    if (colon >= 0 && value.indexOf(':') === colon) {
      host = value.slice(0, colon);
      port = value.slice(colon + 1);
    }
  }
  if (!HOST_PORT.test(value) && isIP(host) === 0) return `invalid host "${host}"`;
  if (port !== '') {
    if (!/^[0-9]+$/.test(port)) return `invalid port "${port}"`;
    if (Number(port) > 65535) return `invalid port "${port}"`;
  }
  return undefined;
}

/** Why a registry-mirrors entry is rejected by dockerd's ValidateMirror, or undefined. */
export function mirrorError(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not a valid URI`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `unsupported scheme "${url.protocol.replace(/:$/, '')}"`;
  if (url.search !== '' || url.hash !== '' || /[?#]/.test(value)) return 'query or fragment at end of the URI';
  if (url.username !== '' || url.password !== '') return 'username/password not allowed in URI';
  return undefined;
}
