import { daemonJsonLanguage } from '../../../src/core/lint/daemon-json';
import { valueTypeRule } from '../../../src/core/lint/daemon-json/rules/valueType';
import { run } from '../ruleTester';

run(daemonJsonLanguage, valueTypeRule, {
  valid: [
    { name: 'a size as a string', text: '{"default-shm-size": "64M"}' },
    { name: 'a size as a number', text: '{"default-shm-size": 67108864}' },
  ],
  invalid: [
    {
      name: 'wrong types with the expected form',
      text: '{"debug": "true", "mtu": 1500.5, "dns": ["8.8.8.8", 1], "max-concurrent-uploads": 3}',
      errors: [
        { range: [0, 10, 0, 16], message: ['"debug" must be true or false', 'not a string', 'type bool'] },
        { range: [0, 25, 0, 31], message: ['number with a fraction'] },
        { range: [0, 40, 0, 54], message: ['array of strings'] },
      ],
    },
    {
      name: 'non-string log-opts values and non-boolean features',
      text: '{"log-opts": {"max-size": "10m", "max-file": 3}, "features": {"buildkit": "yes"}}',
      errors: [
        { range: [0, 45, 0, 46], message: ['"log-opts"', '"max-file" is a number'] },
        { range: [0, 74, 0, 79], message: ['"features"', 'boolean'] },
      ],
    },
  ],
});
