import { daemonJsonLanguage } from '../../../src/core/lint/daemon-json';
import { insecureRegistryEntryRule } from '../../../src/core/lint/daemon-json/rules/insecureRegistryEntry';
import { run } from '../ruleTester';

run(daemonJsonLanguage, insecureRegistryEntryRule, {
  valid: [{ name: 'hosts, CIDRs and bracketed IPv6 with ports', text: '{"insecure-registries": ["reg.local:5000", "10.0.0.0/8", "reg:5000", "[::1]:5000"]}' }],
  invalid: [
    {
      name: 'scheme stripped (warning, safe fix), other scheme and bad host (error), ACR (warning)',
      text: '{"insecure-registries": ["http://reg.local:5000", "ftp://x", "a/b", "myreg.azurecr.io", "10.0.0.0/8", "reg:5000", "[::1]:5000"]}',
      errors: [
        { range: [0, 25, 0, 48], severity: 'warning', message: ['strips "http://"'], fixes: [{ safe: true, output: '{"insecure-registries": ["reg.local:5000", "ftp://x", "a/b", "myreg.azurecr.io", "10.0.0.0/8", "reg:5000", "[::1]:5000"]}' }] },
        { range: [0, 50, 0, 59], severity: 'error', message: ["should not contain '://'"], output: null },
        { range: [0, 61, 0, 66], severity: 'error', message: ['invalid host "a/b"'], output: null },
        { range: [0, 68, 0, 86], severity: 'warning', message: ['Azure Container Registry'], output: null },
      ],
    },
  ],
});
