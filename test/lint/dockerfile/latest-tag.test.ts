import { dockerfileLanguage } from '../../../src/core/lint/dockerfile';
import { latestTagRule } from '../../../src/core/lint/dockerfile/rules/latestTag';
import { run } from '../ruleTester';

const HEX64 = '0123456789abcdef'.repeat(4);

run(dockerfileLanguage, latestTagRule, {
  valid: [
    { text: 'FROM ubuntu:22.04\n' },
    { name: 'pinned by digest', text: `FROM ubuntu:latest@sha256:${HEX64}\n` },
    { name: 'tags are case-sensitive', text: 'FROM ubuntu:Latest\n' },
    { text: 'FROM ubuntu\n' },
    { text: 'ARG TAG\nFROM ubuntu:${TAG}\n' },
  ],
  invalid: [
    { text: 'FROM ubuntu:latest\n', errors: [{ range: [0, 12, 0, 18], message: ['"ubuntu:latest"', '"latest" tag', 'Pin a version tag or a digest'] }] },
    { text: 'ARG TAG=latest\nFROM ubuntu:${TAG}\n', errors: [{ message: "\"ubuntu:latest\" (the value of \"ubuntu:${TAG}\") uses the \"latest\" tag, which moves with every release: builds are not reproducible and can break without any change to this file. Pin a version tag or a digest.", range: [1, 5, 1, 18] }] },
    { name: 'also beside an upper-case path (ACR101), so one pass shows both', text: 'FROM Ubuntu:latest\n', errors: [{ message: "\"Ubuntu:latest\" uses the \"latest\" tag, which moves with every release: builds are not reproducible and can break without any change to this file. Pin a version tag or a digest.", range: [0, 12, 0, 18] }] },
    { text: 'FROM alpine:3.20\nRUN --mount=type=bind,from=golang:latest,target=/go true\n', errors: [{ message: "\"golang:latest\" uses the \"latest\" tag, which moves with every release: builds are not reproducible and can break without any change to this file. Pin a version tag or a digest.", range: [1, 34, 1, 40] }] },
  ],
});
