// Preloaded into code-server and every Node process it starts (extension host included) through
// NODE_OPTIONS=--require, when a scenario asks for it (host.ts: loopbackGuardLog). Any name
// lookup or connection to something other than loopback is refused (ENOTFOUND / ECONNREFUSED, as
// an unreachable network would answer) and recorded, so a scenario can assert that nothing in
// the host tried to leave the machine. Unix sockets and pipes (VS Code's own IPC) pass untouched.
//
// The log (the file named in ACR_DOCTOR_E2E_LOOPBACK_LOG) gets JSON lines:
//   { "loaded": pid, "argv": [...] }   once per process that loaded the guard
//   { "refused": "host[:port]", "via": "dns.lookup" | "net.connect" | "tls.connect", "pid": n }
/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';
const dns = require('node:dns');
const net = require('node:net');
const tls = require('node:tls');
const { appendFileSync } = require('node:fs');

const logFile = process.env.ACR_DOCTOR_E2E_LOOPBACK_LOG;
if (logFile) {
  const record = (entry) => {
    try {
      appendFileSync(logFile, `${JSON.stringify({ ...entry, pid: process.pid })}\n`);
    } catch {
      // The scenario removed its temp dir while a process was still shutting down.
    }
  };
  record({ loaded: process.pid, argv: process.argv.slice(1, 4) });

  const isLoopback = (host) => {
    const name = String(host ?? '').replace(/^\[|\]$/g, '').toLowerCase();
    return name === '' || name === 'localhost' || name.endsWith('.localhost') || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name) || /^::ffff:127\./.test(name);
  };
  const refusal = (code, host, via) => Object.assign(new Error(`${via} ${code} ${host} (the e2e host allows loopback only)`), { code, hostname: host });

  const lookup = dns.lookup;
  dns.lookup = function guardedLookup(hostname, options, callback) {
    if (!isLoopback(hostname)) {
      record({ refused: String(hostname), via: 'dns.lookup' });
      const done = typeof options === 'function' ? options : callback;
      process.nextTick(() => done(refusal('ENOTFOUND', hostname, 'getaddrinfo')));
      return {};
    }
    return lookup.apply(this, arguments);
  };
  const promisesLookup = dns.promises.lookup;
  dns.promises.lookup = function guardedPromisesLookup(hostname) {
    if (!isLoopback(hostname)) {
      record({ refused: String(hostname), via: 'dns.lookup' });
      return Promise.reject(refusal('ENOTFOUND', hostname, 'getaddrinfo'));
    }
    return promisesLookup.apply(this, arguments);
  };

  // IP literals skip the lookup: check the address of every TCP connection too.
  const target = (args) => {
    const first = args[0];
    // http's options carry the request's `path` beside host and port: a pipe has a path and no port.
    if (first && typeof first === 'object' && !Array.isArray(first)) return first.port === undefined && first.host === undefined && first.path !== undefined ? undefined : { host: first.host ?? 'localhost', port: first.port };
    if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: first };
    return undefined; // a path (unix socket / pipe)
  };
  const guard = (module, name, via) => {
    const original = module[name];
    module[name] = function guardedConnect(...args) {
      const to = target(args);
      if (to && net.isIP(String(to.host).replace(/^\[|\]$/g, '')) && !isLoopback(to.host)) {
        record({ refused: `${to.host}:${to.port}`, via });
        // Fails the way a refused connection does: an 'error' on the socket, after the caller's listeners are on.
        const socket = new net.Socket();
        process.nextTick(() => socket.destroy(refusal('ECONNREFUSED', to.host, via)));
        return socket;
      }
      return original.apply(this, args);
    };
  };
  guard(net, 'connect', 'net.connect');
  guard(net, 'createConnection', 'net.connect');
  guard(tls, 'connect', 'tls.connect');
  // http.Agent took net.createConnection before this file ran.
  guard(require('node:http').Agent.prototype, 'createConnection', 'net.connect');
}
