import { armLanguage } from '../../../src/core/lint/arm';
import { listCredentialsPathRule } from '../../../src/core/lint/arm/rules/listCredentialsPath';
import { type InvalidCase, rangeOf, run } from '../ruleTester';
import { registry, template } from './helpers';

const withValue = (expression: string) =>
  template({
    resources: [registry(), { type: 'Microsoft.Web/sites/config', apiVersion: '2022-03-01', name: 'app/appsettings', properties: { DOCKER_REGISTRY_SERVER_PASSWORD: expression } }],
  });
const id = "resourceId('Microsoft.ContainerRegistry/registries', 'myregistry01')";

const wrongPaths: InvalidCase[] = ([
  ['.password', '.passwords[0].value'],
  ['.adminPassword', '.passwords[0].value'],
  ['.passwords[2].value', undefined],
  ['.passwords[0].password', '.passwords[0].value'],
  ['.passwords.value', undefined],
  ['.username.x', undefined],
] as const).map(([path, fixTo]) => {
  const text = withValue(`[listCredentials(${id}, '2023-07-01')${path}]`);
  return {
    name: `wrong path ${path}`,
    text,
    errors: [{ range: rangeOf(text, path), message: [`listCredentials(...)${path} does not exist`], output: fixTo ? text.replace(`'2023-07-01')${path}]`, `'2023-07-01')${fixTo}]`) : null }],
  };
});
const ESCAPED = withValue(`[concat('\\u0041', listCredentials(${id}, '2023-07-01').password)]`);

run(armLanguage, listCredentialsPathRule, {
  valid: [
    ...['.username', '.passwords[0].value', '.passwords[1].value', '.passwords[1].name', '.passwords', "['passwords'][0]['value']"].map((path) => ({ name: `valid path ${path}`, text: withValue(`[listCredentials(${id}, '2023-07-01')${path}]`) })),
    { name: 'another resource type', text: withValue(`[listCredentials(resourceId('Microsoft.Web/sites', 'x'), '2022-03-01').password]`) },
    { name: 'an index that is not a literal', text: withValue(`[listCredentials(${id}, '2023-07-01').passwords[parameters('i')].value]`) },
  ],
  invalid: [
    ...wrongPaths,
    { name: 'ranges map through JSON escapes', text: ESCAPED, errors: [{ range: rangeOf(ESCAPED, '.password'), message: ['.password does not exist'], output: ESCAPED.replace(').password)]', ').passwords[0].value)]') }] },
  ],
});
