import { armLanguage } from '../../../src/core/lint/arm';
import { taskSourceTriggerRule } from '../../../src/core/lint/arm/rules/taskSourceTrigger';
import { rangeOf, run } from '../ruleTester';
import { template } from './helpers';

const task = (sourceRepository: Record<string, unknown>, status = 'Enabled') =>
  template({
    resources: [{ type: 'Microsoft.ContainerRegistry/registries/tasks', apiVersion: '2019-04-01', name: 'myregistry01/build', location: 'westeurope', properties: { platform: { os: 'Linux' }, trigger: { sourceTriggers: [{ name: 'commits', sourceTriggerEvents: ['commit'], status, sourceRepository }] } } }],
  });
const GITLAB = task({ sourceControlType: 'GitLab', repositoryUrl: 'https://gitlab.com/a/b.git' });
const GITLAB_URL = task({ sourceControlType: 'Github', repositoryUrl: 'https://gitlab.example.com/a/b.git' });
const BITBUCKET = task({ sourceControlType: 'Github', repositoryUrl: 'https://bitbucket.org/a/b.git' });

run(armLanguage, taskSourceTriggerRule, {
  valid: [
    { name: 'GitHub', text: task({ sourceControlType: 'Github', repositoryUrl: 'https://github.com/a/b.git' }) },
    { name: 'Azure Repos', text: task({ sourceControlType: 'VisualStudioTeamService', repositoryUrl: 'https://dev.azure.com/o/p/_git/r' }) },
    { name: 'a disabled trigger', text: task({ sourceControlType: 'Github', repositoryUrl: 'https://gitlab.com/a/b.git' }, 'Disabled') },
  ],
  invalid: [
    { name: 'GitLab by type', text: GITLAB, errors: [{ range: rangeOf(GITLAB, '"GitLab"'), message: ['GitHub and Azure Repos only'] }] },
    { name: 'GitLab by URL', text: GITLAB_URL, errors: [{ range: rangeOf(GITLAB_URL, '"https://gitlab.example.com/a/b.git"'), message: ['GitLab'] }] },
    { name: 'Bitbucket by URL', text: BITBUCKET, errors: [{ range: rangeOf(BITBUCKET, '"https://bitbucket.org/a/b.git"'), message: ['manual builds only'] }] },
  ],
});
