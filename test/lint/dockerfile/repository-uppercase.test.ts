import { dockerfileLanguage } from '../../../src/core/lint/dockerfile';
import { repositoryUppercaseRule } from '../../../src/core/lint/dockerfile/rules/repositoryUppercase';
import { run } from '../ruleTester';

run(dockerfileLanguage, repositoryUppercaseRule, {
  valid: [
    { text: 'FROM ubuntu:22.04\n' },
    { text: 'FROM myreg.azurecr.io/team/app:1.0\n' },
    { name: 'upper case in a host is not a repository problem', text: 'FROM MyReg.azurecr.io/app:1\n' },
    { name: 'upper case in a tag is valid', text: 'FROM ubuntu:Jammy\n' },
    { text: 'FROM localhost:5000/foo\n' },
    { name: 'stage names are not images', text: 'FROM ubuntu:22.04 AS Build\nFROM Build\nCOPY --from=Build /a /b\n' },
    { name: 'unresolvable variable (no default)', text: 'ARG BASE\nFROM ${BASE}\n' },
    { name: 'variable with a modifier is not expanded', text: 'ARG BASE=MyImage\nFROM ${BASE:-Other}\n' },
    { name: 'build platform flag', text: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n' },
    { name: 'ARG declared after FROM is not visible to FROM', text: 'FROM ubuntu:22.04\nARG BASE=MyImage\nFROM ${BASE}\n' },
    { name: 'ENV in a stage is not a build arg', text: 'FROM ubuntu:22.04\nENV IMG=Foo\nCOPY --from=$IMG /a /b\n' },
    { text: 'FROM scratch\n' },
    { name: 'an ARG default that refers to itself is not resolved', text: 'ARG A=${A}X\nFROM ${A}\n' },
  ],
  invalid: [
    {
      text: 'FROM Ubuntu:22.04\n',
      errors: [{
        range: [0, 5, 0, 11],
        message: ['"Ubuntu"', 'invalid reference format: repository name (library/Ubuntu) must be lowercase', 'Write "ubuntu"'],
        fixes: [{ edits: [[0, 5, 0, 11, 'ubuntu']], output: 'FROM ubuntu:22.04\n', safe: true }],
      }],
    },
    {
      text: 'FROM myreg.azurecr.io/Team/MyApp:1.0 AS build\n',
      errors: [{ range: [0, 22, 0, 32], message: ['repository name (Team/MyApp) must be lowercase'], output: 'FROM myreg.azurecr.io/team/myapp:1.0 AS build\n' }],
    },
    {
      name: 'from an ARG default: diagnostic on FROM, edit on the default',
      text: 'ARG BASE=MyOrg/App:latest\nFROM ${BASE}\n',
      errors: [{ range: [1, 5, 1, 12], message: ['(the value of "${BASE}")'], fixes: [{ edits: [[0, 15, 0, 18, 'app']], output: 'ARG BASE=myorg/App:latest\nFROM ${BASE}\n'.replace('myorg/App', 'MyOrg/app') }] }],
    },
    {
      name: 'quoted ARG default',
      text: 'ARG BASE="myorg/App:1"\nFROM $BASE\n',
      errors: [{ message: "The repository path \"myorg/App\" in \"myorg/App:1\" (the value of \"$BASE\") has upper case. Docker fails with \"invalid reference format: repository name (myorg/App) must be lowercase\": repository names may only contain lowercase letters, digits, \".\", \"_\", \"-\" and \"/\". Write \"myorg/app\".", range: [1, 5, 1, 10], fixes: [{ edits: [[0, 10, 0, 19, 'myorg/app']], output: 'ARG BASE="myorg/app:1"\nFROM $BASE\n' }] }],
    },
    {
      name: 'nested ARG defaults',
      text: 'ARG REPO=Team/App\nARG BASE=myreg.azurecr.io/${REPO}:1\nFROM ${BASE}\n',
      errors: [{ message: "The repository path \"Team/App\" in \"myreg.azurecr.io/Team/App:1\" (the value of \"${BASE}\") has upper case. Docker fails with \"invalid reference format: repository name (Team/App) must be lowercase\": repository names may only contain lowercase letters, digits, \".\", \"_\", \"-\" and \"/\". Write \"team/app\".", range: [2, 5, 2, 12], fixes: [{ edits: [[0, 9, 0, 17, 'team/app']], output: 'ARG REPO=team/app\nARG BASE=myreg.azurecr.io/${REPO}:1\nFROM ${BASE}\n' }] }],
    },
    {
      name: 'an ARG redeclared from its earlier value: edits in both defaults',
      text: 'ARG A=Foo\nARG A=${A}Bar:1\nFROM ${A}\n',
      errors: [{ range: [2, 5, 2, 9], message: ['"FooBar:1" (the value of "${A}")'], fixes: [{ edits: [[0, 6, 0, 9, 'foo'], [1, 10, 1, 13, 'bar']], output: 'ARG A=foo\nARG A=${A}bar:1\nFROM ${A}\n' }] }],
    },
    {
      name: 'path partly from an ARG and partly literal: one edit per place',
      text: 'ARG TEAM=Web\nFROM myreg.azurecr.io/${TEAM}/App:1\n',
      errors: [{ message: "The repository path \"Web/App\" in \"myreg.azurecr.io/Web/App:1\" (the value of \"myreg.azurecr.io/${TEAM}/App:1\") has upper case. Docker fails with \"invalid reference format: repository name (Web/App) must be lowercase\": repository names may only contain lowercase letters, digits, \".\", \"_\", \"-\" and \"/\". Write \"web/app\".", range: [1, 5, 1, 35], fixes: [{ edits: [[0, 9, 0, 12, 'web'], [1, 29, 1, 33, '/app']], output: 'ARG TEAM=web\nFROM myreg.azurecr.io/${TEAM}/app:1\n' }] }],
    },
    {
      name: 'a literal path after a variable host keeps the exact range',
      text: 'ARG REG=myreg.azurecr.io\nFROM ${REG}/MyApp:1\n',
      errors: [{ message: "The repository path \"MyApp\" in \"myreg.azurecr.io/MyApp:1\" (the value of \"${REG}/MyApp:1\") has upper case. Docker fails with \"invalid reference format: repository name (MyApp) must be lowercase\": repository names may only contain lowercase letters, digits, \".\", \"_\", \"-\" and \"/\". Write \"myapp\".", range: [1, 12, 1, 17], fixes: [{ edits: [[1, 12, 1, 17, 'myapp']], output: 'ARG REG=myreg.azurecr.io\nFROM ${REG}/myapp:1\n' }] }],
    },
    {
      name: 'COPY --from an image',
      text: 'FROM alpine:3.20\nCOPY --from=Nginx:1.27 /etc/nginx /etc/nginx\n',
      errors: [{ message: "The repository path \"Nginx\" in \"Nginx:1.27\" has upper case. Docker fails with \"invalid reference format: repository name (library/Nginx) must be lowercase\": repository names may only contain lowercase letters, digits, \".\", \"_\", \"-\" and \"/\". Write \"nginx\".", range: [1, 12, 1, 17], output: 'FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n' }],
    },
    {
      name: 'RUN --mount from an image',
      text: 'FROM alpine:3.20\nRUN --mount=type=bind,from=Golang:1.22,target=/go echo hi\n',
      errors: [{ message: "The repository path \"Golang\" in \"Golang:1.22\" has upper case. Docker fails with \"invalid reference format: repository name (library/Golang) must be lowercase\": repository names may only contain lowercase letters, digits, \".\", \"_\", \"-\" and \"/\". Write \"golang\".", range: [1, 27, 1, 33], output: 'FROM alpine:3.20\nRUN --mount=type=bind,from=golang:1.22,target=/go echo hi\n' }],
    },
    {
      name: 'stage ARG inherits the global default',
      text: 'ARG IMG=Busybox:1\nFROM alpine:3.20\nARG IMG\nCOPY --from=${IMG} /bin/sh /sh\n',
      errors: [{ message: "The repository path \"Busybox\" in \"Busybox:1\" (the value of \"${IMG}\") has upper case. Docker fails with \"invalid reference format: repository name (library/Busybox) must be lowercase\": repository names may only contain lowercase letters, digits, \".\", \"_\", \"-\" and \"/\". Write \"busybox\".", range: [3, 12, 3, 18], fixes: [{ edits: [[0, 8, 0, 15, 'busybox']], output: 'ARG IMG=busybox:1\nFROM alpine:3.20\nARG IMG\nCOPY --from=${IMG} /bin/sh /sh\n' }] }],
    },
    {
      name: 'CRLF line endings',
      text: 'FROM alpine:3.20\r\nFROM Ubuntu:22.04\r\n',
      errors: [{ message: "The repository path \"Ubuntu\" in \"Ubuntu:22.04\" has upper case. Docker fails with \"invalid reference format: repository name (library/Ubuntu) must be lowercase\": repository names may only contain lowercase letters, digits, \".\", \"_\", \"-\" and \"/\". Write \"ubuntu\".", range: [1, 5, 1, 11], output: 'FROM alpine:3.20\r\nFROM ubuntu:22.04\r\n' }],
    },
  ],
});
