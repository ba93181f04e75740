import { daemonJsonLanguage } from '../../../src/core/lint/daemon-json';
import { logLevelRule } from '../../../src/core/lint/daemon-json/rules/logLevel';
import { run } from '../ruleTester';

run(daemonJsonLanguage, logLevelRule, {
  valid: ['panic', 'fatal', 'error', 'warn', 'info', 'debug', 'trace', 'DEBUG'].map((level) => ({ name: `level ${level}`, text: `{"log-level": "${level}"}` })),
  invalid: [
    { name: '"warning" with a fix to "warn"', text: '{"log-level": "warning"}', errors: [{ range: [0, 14, 0, 23], message: ['invalid logging level: warning'], fixes: [{ safe: false, output: '{"log-level": "warn"}' }] }] },
  ],
});
