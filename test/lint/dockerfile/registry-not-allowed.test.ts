import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dockerfileLanguage } from '../../../src/core/lint/dockerfile';
import { registryAllowed, registryNotAllowedRule } from '../../../src/core/lint/dockerfile/rules/registryNotAllowed';
import { run } from '../ruleTester';

const ACR_ONLY = { allowedRegistries: ['*.azurecr.io'] };
const ACR_AND_MCR = { allowedRegistries: ['*.azurecr.io', 'mcr.microsoft.com'] };

run(dockerfileLanguage, registryNotAllowedRule, {
  valid: [
    { name: 'empty list: rule is silent', text: 'FROM ubuntu:22.04\nFROM evil.example.com/x:1\n' },
    { name: 'blank patterns count as empty', text: 'FROM ubuntu:22.04\n', settings: { allowedRegistries: ['', '  '] } },
    { text: 'FROM myreg.azurecr.io/app:1\n', settings: ACR_ONLY },
    { name: 'suffix match is case-insensitive', text: 'FROM MyReg.AzureCR.io/app:1\n', settings: ACR_ONLY },
    { text: 'FROM mcr.microsoft.com/dotnet/runtime:8.0\n', settings: ACR_AND_MCR },
    { name: 'docker.io means references without a registry', text: 'FROM ubuntu:22.04\nFROM docker.io/library/alpine:3\nFROM index.docker.io/nginx:1\n', settings: { allowedRegistries: ['docker.io'] } },
    { name: '"*" allows all', text: 'FROM quay.io/x/y:1\n', settings: { allowedRegistries: ['*'] } },
    { name: 'exact host with port', text: 'FROM localhost:5000/foo:1\n', settings: { allowedRegistries: ['localhost:5000'] } },
    { name: 'stages and scratch are not images', text: 'FROM myreg.azurecr.io/a:1 AS a\nFROM a\nFROM scratch\nCOPY --from=a /x /x\n', settings: ACR_ONLY },
    { name: 'a stage whose FROM is templated is a stage, not an image', text: 'FROM {{ .BaseImage }} AS Builder\nFROM myreg.azurecr.io/a:1\nCOPY --from=builder /x /x\n', settings: ACR_ONLY },
    { name: 'unresolvable registry', text: 'ARG REG\nFROM ${REG}/app:1\n', settings: ACR_ONLY },
  ],
  invalid: [
    {
      text: 'FROM ubuntu:22.04\n',
      settings: ACR_ONLY,
      errors: [{ range: [0, 5, 0, 17], message: ['"docker.io (Docker Hub)"', 'not in the allowed registries (*.azurecr.io)', 'az acr import', 'allowedRegistries'], output: null }],
    },
    { text: 'FROM mcr.microsoft.com/dotnet/runtime:8.0\n', settings: ACR_ONLY, errors: [{ range: [0, 5, 0, 22], message: ['"mcr.microsoft.com"'] }] },
    { name: 'suffix is not a substring match', text: 'FROM myreg.azurecr.io.evil.com/app:1\n', settings: ACR_ONLY, errors: [{ range: [0, 5, 0, 30], message: "\"myreg.azurecr.io.evil.com/app:1\" is pulled from \"myreg.azurecr.io.evil.com\", which is not in the allowed registries (*.azurecr.io). Use an image from an allowed registry (e.g. copy it into your ACR with \"az acr import\"), or add the registry to the acrDoctor.lint.allowedRegistries setting." }] },
    { name: 'ARG default registry', text: 'ARG REG=quay.io\nFROM ${REG}/x/y:1\n', settings: ACR_ONLY, errors: [{ message: "\"quay.io/x/y:1\" (the value of \"${REG}/x/y:1\") is pulled from \"quay.io\", which is not in the allowed registries (*.azurecr.io). Use an image from an allowed registry (e.g. copy it into your ACR with \"az acr import\"), or add the registry to the acrDoctor.lint.allowedRegistries setting.", range: [1, 5, 1, 17] }] },
    { name: 'COPY --from image', text: 'FROM myreg.azurecr.io/a:1\nCOPY --from=nginx:1.27 /a /b\n', settings: ACR_ONLY, errors: [{ message: "\"nginx:1.27\" is pulled from \"docker.io (Docker Hub)\", which is not in the allowed registries (*.azurecr.io). Use an image from an allowed registry (e.g. copy it into your ACR with \"az acr import\"), or add the registry to the acrDoctor.lint.allowedRegistries setting.", range: [1, 12, 1, 22] }] },
  ],
});

test('registryAllowed follows hadolint DL3026 matching', () => {
  assert.equal(registryAllowed('myreg.azurecr.io', ['*.azurecr.io']), true);
  assert.equal(registryAllowed('azurecr.io', ['*.azurecr.io']), false);
  assert.equal(registryAllowed('myreg.azurecr.io:443', ['*.azurecr.io']), true);
  assert.equal(registryAllowed('localhost:5000', ['localhost']), true);
  assert.equal(registryAllowed('localhost', ['localhost:5000']), false);
  assert.equal(registryAllowed('docker.io', ['hub.docker.com']), true);
  assert.equal(registryAllowed('ghcr.io', ['docker.io', 'mcr.microsoft.com']), false);
});
