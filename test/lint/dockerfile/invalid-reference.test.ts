import { dockerfileLanguage } from '../../../src/core/lint/dockerfile';
import { invalidReferenceRule } from '../../../src/core/lint/dockerfile/rules/invalidReference';
import { run } from '../ruleTester';

const HEX64 = '0123456789abcdef'.repeat(4);

run(dockerfileLanguage, invalidReferenceRule, {
  valid: [
    { text: 'FROM ubuntu:22.04\n' },
    { text: `FROM ubuntu@sha256:${HEX64}\n` },
    { text: `FROM myreg.azurecr.io/app:1.0@sha256:${HEX64}\n` },
    { text: 'FROM localhost:5000/foo\n' },
    { text: 'FROM [::1]:5000/foo:1\n' },
    { name: 'upper case is ACR101, a scheme ACR105', text: 'FROM Ubuntu\nFROM https://myreg.azurecr.io/app\n' },
    { name: 'unresolvable tag variable', text: 'ARG TAG\nFROM ubuntu:${TAG}\n' },
    { name: 'build-arg without default inside the reference', text: 'FROM ubuntu:$UNDECLARED\n' },
    { name: 'escaped line continuation inside the word is not guessed at', text: 'FROM ubu\\\nntu:!\n' },
    { name: 'FROM with no image', text: 'FROM\n' },
    { name: 'COPY --from stage index', text: 'FROM alpine:3.20\nCOPY --from=0 /a /b\n' },
    { name: 'RUN mount from a stage', text: 'FROM alpine:3.20 AS deps\nFROM alpine:3.20\nRUN --mount=type=cache,from=deps,target=/x true\n' },
  ],
  invalid: [
    { text: 'FROM ubuntu:bad!tag\n', errors: [{ range: [0, 12, 0, 19], message: ['the tag "bad!tag" is invalid', 'Docker fails with "invalid reference format"'], output: null }] },
    { text: 'FROM ubuntu:\n', errors: [{ range: [0, 5, 0, 12], message: ['the tag after ":" is empty'] }] },
    { text: 'FROM ubuntu@sha256:abc\n', errors: [{ range: [0, 12, 0, 22], message: ['the digest "sha256:abc" is invalid', '"invalid reference format"'] }] },
    { text: `FROM ubuntu@sha256:${HEX64.slice(1)}\n`, errors: [{ range: [0, 12, 0, 82], message: ['"invalid checksum digest length"'] }] },
    { text: 'FROM foo//bar:1\n', errors: [{ range: [0, 9, 0, 10], message: ['empty component'] }] },
    { text: 'FROM foo..bar:1\n', errors: [{ range: [0, 5, 0, 13], message: ['"foo..bar"'] }] },
    { text: 'FROM my_reg.io/foo:1\n', errors: [{ range: [0, 5, 0, 14], message: ['host name label'] }] },
    { name: 'ARG default with a bad tag', text: 'ARG BASE=ubuntu:-x\nFROM ${BASE}\n', errors: [{ range: [1, 5, 1, 12], message: ['(the value of "${BASE}")'] }] },
    { name: 'COPY --from with a bad tag', text: 'FROM alpine:3.20\nCOPY --from=busybox:+1 /bin /bin\n', errors: [{ message: "\"busybox:+1\" is not a valid image reference: the tag \"+1\" is invalid: it must start with a letter, digit or \"_\" and contain only letters, digits, \"_\", \".\" and \"-\". Docker fails with \"invalid reference format\". Use a tag of letters, digits, \"_\", \".\" and \"-\" that starts with a letter, digit or \"_\" (at most 128 characters).", range: [1, 20, 1, 22] }] },
    { name: 'image ID instead of a name', text: `FROM ${HEX64}\n`, errors: [{ range: [0, 5, 0, 69], message: ['cannot specify 64-byte hexadecimal strings'] }] },
  ],
});
