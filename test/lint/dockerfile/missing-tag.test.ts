import { dockerfileLanguage } from '../../../src/core/lint/dockerfile';
import { missingTagRule } from '../../../src/core/lint/dockerfile/rules/missingTag';
import { run } from '../ruleTester';

const HEX64 = '0123456789abcdef'.repeat(4);

run(dockerfileLanguage, missingTagRule, {
  valid: [
    { name: 'COPY --from a stage whose FROM is templated', text: 'FROM {{ .BaseImage }} AS builder\nFROM alpine:3.20\nCOPY --from=builder /app /app\n' },
    { name: 'RUN --mount from a stage whose FROM is templated', text: 'FROM {{ .Base }} AS deps\nFROM alpine:3.20\nRUN --mount=type=bind,from=deps,target=/d true\n' },
    { text: 'FROM ubuntu:22.04\n' },
    { text: `FROM ubuntu@sha256:${HEX64}\n` },
    { text: 'FROM scratch\n' },
    { text: 'FROM golang:1.22 AS build\nFROM build\n' },
    { name: 'stage names are case-insensitive', text: 'FROM golang:1.22 AS Build\nFROM build\nCOPY --from=BUILD /a /b\n' },
    { name: 'fully a variable without default', text: 'ARG BASE\nFROM $BASE\n' },
    { name: 'tag is a variable without default', text: 'ARG TAG\nFROM ubuntu:$TAG\n' },
    { name: 'invalid references are ACR104 only', text: 'FROM foo//bar\n' },
    { text: 'FROM --platform=$BUILDPLATFORM golang:1.22\n' },
  ],
  invalid: [
    { text: 'FROM ubuntu\n', errors: [{ range: [0, 5, 0, 11], message: ['"ubuntu" has no tag', 'Pin a version tag'], output: null }] },
    { text: 'FROM localhost:5000/foo\n', errors: [{ message: "\"localhost:5000/foo\" has no tag, so Docker pulls \"latest\": the image can change between two builds of the same Dockerfile. Pin a version tag (e.g. \"localhost:5000/foo:<version>\") or a digest (\"localhost:5000/foo@sha256:…\").", range: [0, 5, 0, 23] }] },
    { name: 'from an ARG default', text: 'ARG BASE=ubuntu\nFROM ${BASE} AS base\n', errors: [{ range: [1, 5, 1, 12], message: ['"ubuntu" (the value of "${BASE}")'] }] },
    { text: 'FROM alpine:3.20\nCOPY --from=nginx /etc/nginx /etc/nginx\n', errors: [{ message: "\"nginx\" has no tag, so Docker pulls \"latest\": the image can change between two builds of the same Dockerfile. Pin a version tag (e.g. \"nginx:<version>\") or a digest (\"nginx@sha256:…\").", range: [1, 12, 1, 17] }] },
  ],
});
