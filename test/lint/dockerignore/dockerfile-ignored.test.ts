import { dockerignoreLanguage } from '../../../src/core/lint/dockerignore';
import { dockerfileIgnoredRule } from '../../../src/core/lint/dockerignore/rules/dockerfileIgnored';
import { run } from '../ruleTester';

run(dockerignoreLanguage, dockerfileIgnoredRule, {
  valid: [
    { name: 're-included', text: '*\n!Dockerfile\n!src\n', companions: { dockerfile: 'FROM x\n' } },
    { name: 'without the Dockerfile', text: '*\n' },
  ],
  invalid: [
    {
      name: 'info when the Dockerfile is excluded, naming each builder',
      text: 'build\nDockerfile*\n',
      companions: { dockerfile: 'FROM x\nCOPY . /app\n' },
      errors: [{ range: [1, 0, 1, 11], severity: 'info', message: ['`Dockerfile`', 'BuildKit', 'classic builder', 'az acr build'] }],
    },
    {
      name: 'warning when the Dockerfile copies it by name; honours dockerfileName',
      text: 'docker/\n',
      companions: { dockerfile: 'FROM x\nCOPY docker/app.Dockerfile /ref/\n', dockerfileName: 'docker/app.Dockerfile' },
      errors: [{ range: [0, 0, 0, 7], severity: 'warning', message: ['line 2', 'not found'] }],
    },
  ],
});
