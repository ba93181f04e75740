import { dockerfileLanguage } from '../../../src/core/lint/dockerfile';
import { uppercaseHostComponentRule } from '../../../src/core/lint/dockerfile/rules/uppercaseHostComponent';
import { run } from '../ruleTester';

run(dockerfileLanguage, uppercaseHostComponentRule, {
  valid: [
    { text: 'FROM myorg/app:1\n' },
    { text: 'FROM MyReg.azurecr.io/app:1\n' },
    { text: 'FROM localhost:5000/foo\n' },
    { name: 'single component is a path, not a host', text: 'FROM Ubuntu:22.04\n' },
  ],
  invalid: [
    {
      text: 'FROM MyOrg/app:1.0\n',
      errors: [{
        range: [0, 5, 0, 10],
        message: ['"MyOrg"', 'registry host', 'DNS error', 'not a case error', '"myorg"'],
        fixes: [{ edits: [[0, 5, 0, 10, 'myorg']], output: 'FROM myorg/app:1.0\n', safe: false }],
      }],
    },
    {
      name: 'from an ARG default',
      text: 'ARG BASE=MyOrg/app:1.0\nFROM ${BASE}\n',
      errors: [{ message: "Docker reads \"MyOrg\" in \"MyOrg/app:1.0\" (the value of \"${BASE}\") as a registry host, because a first component with upper case is a host name (like one with \".\" or \":\", or \"localhost\"). The pull goes to a server named \"MyOrg\" and fails with a DNS error (\"lookup MyOrg: no such host\"), not a case error. If you meant the Docker Hub namespace, write \"myorg\"; if you meant your registry, write its full login server, e.g. \"myorg.azurecr.io/app\".", range: [1, 5, 1, 12], fixes: [{ edits: [[0, 9, 0, 14, 'myorg']], output: 'ARG BASE=myorg/app:1.0\nFROM ${BASE}\n', safe: false }] }],
    },
  ],
});
