import { daemonJsonLanguage } from '../../../src/core/lint/daemon-json';
import { unknownKeyRule } from '../../../src/core/lint/daemon-json/rules/unknownKey';
import { run } from '../ruleTester';

run(daemonJsonLanguage, unknownKeyRule, {
  valid: [{ name: 'current keys', text: '{"metrics-addr": "127.0.0.1:9323", "firewall-backend": "nftables", "proxies": {}, "bip6": "", "host-gateway-ips": []}' }],
  invalid: [
    {
      name: 'a typo with a rename fix (not safe)',
      text: '{\n  "registy-mirrors": []\n}\n',
      errors: [{
        range: [1, 2, 1, 19],
        message: ["don't match any configuration option: registy-mirrors", 'Did you mean "registry-mirrors"'],
        fixes: [{ safe: false, edits: [[1, 2, 1, 19, '"registry-mirrors"']], output: '{\n  "registry-mirrors": []\n}\n' }],
      }],
    },
    { name: 'removed keys with the replacement', text: '{"graph": "/var/lib/docker"}', errors: [{ range: [0, 1, 0, 8], message: ['was removed', 'data-root'], fixes: [] }] },
    { name: 'far-off keys without a guess', text: '{"zzzzzzzzzzzzzz": 1}', errors: [{ range: [0, 1, 0, 17], message: "\"zzzzzzzzzzzzzz\" is not a dockerd option: the daemon refuses to start with \"the following directives don't match any configuration option: zzzzzzzzzzzzzz\". Check the spelling against the dockerd reference, then restart Docker.", fixes: [] }] },
  ],
});
