// Scenario 4: a first-time user. The ACR Doctor icon is in the activity bar; its side bar offers the
// walkthrough; the walkthrough "Get started with ACR Doctor" lists its five steps, and its first
// step (open the bundled sample, apply a quick fix) completes as the user does it. The steps for
// features not built yet stay open and say so.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../host';
import { Workbench } from '../workbench';

interface Manifest {
  contributes: { walkthroughs: Array<{ title: string; steps: Array<{ id: string; title: string; description: string; completionEvents: string[] }> }> };
}

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
const nls = JSON.parse(readFileSync(join(REPO_ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
const localised = (text: string): string => text.replace(/^%(.*)%$/, (_, key: string) => nls[key] ?? key);
const walkthrough = manifest.contributes.walkthroughs[0]!;

describe('first run: icon, side bar and walkthrough', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await Workbench.launch({ scenario: 'walkthrough', copyOf: join(REPO_ROOT, 'examples') });
  });
  after(async () => {
    await workbench?.close();
  });

  it('shows the ACR Doctor icon in the activity bar, drawn from our SVG', async () => {
    const entry = await workbench.step('find the ACR Doctor activity bar entry', () => workbench.activityBarEntry('ACR Doctor'));
    await workbench.screenshot('activity-bar');
    assert.equal(entry.visible, true);
    assert.match(entry.iconUrl, /activitybar\.svg/, `the entry's icon is not media/icons/activitybar.svg: ${entry.iconUrl}`);
    // A monochrome mask painted in the theme's colour: the same colour as a built-in entry's.
    const search = await workbench.activityBarEntry('Search');
    assert.equal(entry.color, search.color, 'the icon does not follow the theme\'s activity bar colour');
  });

  it('its side bar says what works today and opens the walkthrough', async () => {
    await workbench.step('open the ACR Doctor side bar', () => workbench.clickActivityBarEntry('ACR Doctor'));
    const text = await workbench.step('read the welcome view', () => workbench.welcomeViewText());
    await workbench.screenshot('side-bar');
    assert.match(text, /lints Dockerfiles/);
    assert.match(text, /The Registries view above browses your registries/);
    assert.match(text, /Browse your Azure Container Registries/, 'the Registries view welcomes a user with no registry yet');
    await workbench.step('click "Open the Walkthrough"', () => workbench.clickWelcomeButton('Open the Walkthrough'));
    const shown = await workbench.step('read the walkthrough', () => workbench.walkthroughSteps());
    await workbench.screenshot('walkthrough-start');
    assert.equal(shown.title, 'Get started with ACR Doctor');
    assert.deepEqual(
      shown.steps.map((step) => [step.id, step.title]),
      walkthrough.steps.map((step) => [step.id, localised(step.title)]),
    );
    assert.deepEqual(shown.steps.filter((step) => step.done), [], 'no step is done before the user did anything');
  });

  it('step 1 completes when the user applies a quick fix in the sample it opens', async () => {
    await workbench.step('click "Open a Sample Dockerfile" in step 1', () => workbench.clickWalkthroughButton('lint', 'Open a Sample Dockerfile'));
    await workbench.step('wait for ACR101 in the untitled sample', () =>
      workbench.waitForProblems('ACR101 in the sample', (rows) => rows.some((row) => row.code === 'ACR101' && row.file.startsWith('Untitled-'))),
    );
    await workbench.screenshot('sample-problems');
    const rows = await workbench.problems();
    const sample = rows.find((row) => row.code === 'ACR101' && row.file.startsWith('Untitled-'))!;
    const fileName = sample.file.split(' [')[0]!;
    await workbench.step('apply the ACR101 fix', () => workbench.applyQuickFix('Lowercase the repository name to "team/web-app"', { code: 'ACR101', fileName }));
    await workbench.step('ACR101 disappears from the sample', () => workbench.waitForProblems('no ACR101 in the sample', (r) => !r.some((row) => row.code === 'ACR101' && row.file.startsWith(fileName))));
    await workbench.step('back to the walkthrough', () => workbench.showWalkthroughTab());
    await workbench.step('step 1 shows as done', () => workbench.waitForWalkthroughStep('lint', true));
    await workbench.screenshot('walkthrough-step-1-done');
  });

  it('step 3 completes when the user opens the Registries view from it', async () => {
    await workbench.step('expand step 3', () => workbench.clickWalkthroughStep('explore'));
    await workbench.step('click "Open the Registries view" in step 3', () => workbench.clickWalkthroughButton('explore', 'Open the Registries view'));
    await workbench.screenshot('registries-view-from-walkthrough');
    await workbench.step('back to the walkthrough', () => workbench.showWalkthroughTab());
    await workbench.step('step 3 shows as done', () => workbench.waitForWalkthroughStep('explore', true));
    await workbench.screenshot('walkthrough-step-3-done');
  });

  it('the other steps stay open until their features are used, and each waits for its feature\'s own id', async () => {
    const { steps } = await workbench.step('read the steps', () => workbench.walkthroughSteps());
    assert.deepEqual(
      steps.map((step) => [step.id, step.done]),
      [
        ['lint', true],
        ['connect', false],
        ['explore', true],
        ['diagnose', false],
        ['explain', false],
      ],
    );
    const events = Object.fromEntries(walkthrough.steps.map((step) => [step.id, step.completionEvents]));
    assert.deepEqual(events.explore, ['onView:acrDoctor.registries', 'onCommand:acrDoctor.registries.focus']);
    assert.deepEqual(events.diagnose, ['onCommand:acrDoctor.checks.runDiagnostics']);
    assert.deepEqual(events.explain, ['onCommand:acrDoctor.explain.explainError']);
    assert.ok(events.connect?.includes('onCommand:acrDoctor.explorer.addRegistry'));
    // Built since: their steps offer the command itself.
    assert.match(localised(walkthrough.steps.find((step) => step.id === 'diagnose')!.description), /\(command:acrDoctor\.checks\.runDiagnostics\)/);
    assert.match(localised(walkthrough.steps.find((step) => step.id === 'explain')!.description), /\(command:acrDoctor\.explain\.explainError\)/);
    await workbench.step('expand step 4', () => workbench.clickWalkthroughStep('diagnose'));
    await workbench.screenshot('walkthrough-diagnose-step');
  });

  it('steps 2, 4 and 5 complete when the user runs their commands from them (each asks for input; leaving it still counts as trying)', async () => {
    for (const [id, button] of [
      ['connect', 'Add Registry…'],
      ['diagnose', 'Run Diagnostics'],
      ['explain', 'Explain an Error'],
    ] as const) {
      await workbench.step(`back to the walkthrough for step ${id}`, () => workbench.showWalkthroughTab());
      await workbench.step(`expand step ${id}`, () => workbench.clickWalkthroughStep(id));
      await workbench.step(`click "${button}" in step ${id}`, () => workbench.clickWalkthroughButton(id, button));
      await workbench.step(`the ${id} command asks for its input`, () => workbench.page.locator('.quick-input-widget').waitFor({ state: 'visible' }));
      await workbench.screenshot(`walkthrough-${id}-asks`);
      await workbench.step('leave the prompt', () => workbench.dismissOverlays());
      await workbench.step(`back to the walkthrough after ${id}`, () => workbench.showWalkthroughTab());
      await workbench.step(`step ${id} shows as done`, () => workbench.waitForWalkthroughStep(id, true));
    }
    const { steps } = await workbench.step('read the steps', () => workbench.walkthroughSteps());
    assert.deepEqual(steps.filter((step) => !step.done).map((step) => step.id), [], 'every step is done once the user has done each');
    await workbench.screenshot('walkthrough-all-done');
  });
});
