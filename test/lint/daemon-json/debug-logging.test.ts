import { daemonJsonLanguage } from '../../../src/core/lint/daemon-json';
import { debugLoggingRule } from '../../../src/core/lint/daemon-json/rules/debugLogging';
import { run } from '../ruleTester';

run(daemonJsonLanguage, debugLoggingRule, {
  valid: [{ name: 'debug is on', text: '{"debug": true}' }],
  invalid: [
    {
      name: 'hints on the root object with a fix that keeps indentation and CRLF',
      text: '{\r\n    "log-level": "info"\r\n}\r\n',
      errors: [{ severity: 'hint', range: [0, 0, 0, 1], message: "Daemon debug logging is off. When troubleshooting pulls or pushes, set \"debug\": true, restart Docker (or send dockerd SIGHUP), and read the daemon log (journalctl -u docker on Linux).", fixes: [{ safe: false, output: '{\r\n    "log-level": "info",\r\n    "debug": true\r\n}\r\n' }] }],
    },
  ],
});
