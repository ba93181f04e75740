/**
 * The Tasks subtree's nodes (FAQ F35): a task (status and platform; triggers and step in its tooltip)
 * and a run (status icon; "status · when · how long"; type, trigger, platform, times, pushed images and
 * the error in its tooltip). Every text from the registry is escaped: names with escapeName, tooltip
 * text with md. Pure functions; the data source decides when to list.
 */
import { ACTIVE_RUN_STATUSES, type RunImage, type RunInfo, type TaskInfo } from '../azure/types';
import { absoluteTime, codeSpan, escapeName, formatPlatform, md, relativeTime, shortDigest } from './format';
import { childId, type ExplorerNode, type NodeIcon } from './nodes';

/** Statuses a run can still leave (cancelling applies), lower case. */
const ACTIVE = new Set(ACTIVE_RUN_STATUSES.map((status) => status.toLowerCase()));

export function isActiveRun(status: string | undefined): boolean {
  return ACTIVE.has((status ?? '').toLowerCase());
}

export function runIcon(status: string | undefined): NodeIcon {
  switch ((status ?? '').toLowerCase()) {
    case 'succeeded':
      return 'run-succeeded';
    case 'failed':
    case 'error':
    case 'timeout':
      return 'run-failed';
    case 'running':
    case 'started':
      return 'run-running';
    case 'queued':
      return 'run-queued';
    case 'canceled':
      return 'run-canceled';
    default:
      return 'run-other';
  }
}

/** "45s", "3m 20s", "2h 5m": how long a run took (or has been going, `end` = now). */
export function formatDuration(start: string | undefined, end: string | undefined): string | undefined {
  const from = start ? Date.parse(start) : NaN;
  const to = end ? Date.parse(end) : NaN;
  if (Number.isNaN(from) || Number.isNaN(to) || to < from) return undefined;
  const seconds = Math.round((to - from) / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

function platformOf(platform: { os?: string; architecture?: string; variant?: string } | undefined): string | undefined {
  return platform?.os ? formatPlatform({ os: platform.os.toLowerCase(), architecture: platform.architecture ?? '', variant: platform.variant }) : undefined;
}

function imageText(image: RunImage): string {
  const name = [image.registry, image.repository].filter(Boolean).join('/');
  return `${name}${image.tag ? `:${image.tag}` : ''}${image.digest ? ` (${shortDigest(image.digest)})` : ''}`;
}

/** What started a run, as `az acr task list-runs` shows it: Commit, Pull request, Image update, Timer, or Manual. */
export function runTrigger(run: RunInfo): string {
  const source = run.sourceTrigger;
  if (source) {
    const event = (source.eventType ?? '').toLowerCase() === 'pullrequest' ? `pull request ${source.pullRequestId ?? ''}`.trim() : `commit ${(source.commitId ?? '').slice(0, 10)}`.trim();
    return `${event}${source.branchName ? ` on ${source.branchName}` : ''}${source.repositoryUrl ? ` of ${source.repositoryUrl}` : ''}`;
  }
  if (run.imageUpdateTrigger) {
    const images = run.imageUpdateTrigger.images.map(imageText).join(', ');
    return `base image update${images ? `: ${images}` : ''}`;
  }
  if (run.timerTrigger) return `timer ${run.timerTrigger.timerTriggerName ?? ''}`.trim();
  return 'manual';
}

export function taskNode(parent: ExplorerNode, task: TaskInfo): ExplorerNode {
  const name = escapeName(task.name);
  const disabled = (task.status ?? '').toLowerCase() === 'disabled';
  const platform = platformOf(task.platform);
  const lines = [
    `**Task** ${codeSpan(name.text)}${task.isSystemTask ? ' (a system task ACR made)' : ''}`,
    `Status: ${md(task.status ?? 'unknown')}${disabled ? ' (no trigger starts it; a manual run still can)' : ''}`,
    platform ? `Platform: ${md(platform)}` : undefined,
    task.stepType ? `Step: ${md(task.stepType)}${task.stepFile ? ` (${md(escapeName(task.stepFile).text)})` : ''}` : undefined,
    task.triggers?.length ? `Triggers:\n${task.triggers.map((t) => `- ${md(t.kind === 'baseImage' ? 'base image' : t.kind)} ${md(t.name ?? '')}: ${md(t.detail ?? '')} (${md(t.status ?? 'Enabled')})`).join('\n')}\n` : 'Triggers: none (runs start manually)',
    task.timeout ? `Timeout: ${formatDuration(new Date(0).toISOString(), new Date(task.timeout * 1000).toISOString())}` : undefined,
    task.identityType ? `Identity: ${md(task.identityType)}` : undefined,
    task.agentPoolName ? `Agent pool: ${md(task.agentPoolName)}` : undefined,
  ].filter((line): line is string => line !== undefined);
  return {
    type: 'task',
    id: childId(parent.id, 'task', task.name),
    parentId: parent.id,
    label: name.text,
    description: [task.status, platform].filter(Boolean).join(' · ') || undefined,
    tooltip: lines.join('  \n'),
    icon: disabled ? 'task-disabled' : 'task',
    expandable: true,
    contextValue: `task${disabled ? ' disabled' : ''}`,
    registry: parent.registry,
    azure: { taskName: task.name },
  };
}

export function quickRunsNode(parent: ExplorerNode): ExplorerNode {
  return {
    type: 'quickRuns',
    id: childId(parent.id, 'quickRuns'),
    parentId: parent.id,
    label: 'Runs without a task',
    tooltip: 'Quick builds and runs (`az acr build`, `az acr run`): run type QuickBuild or QuickRun.',
    icon: 'folder',
    expandable: true,
    contextValue: 'quickRuns',
    registry: parent.registry,
  };
}

export function runNode(parent: ExplorerNode, run: RunInfo, now: Date): ExplorerNode {
  const id = escapeName(run.runId).text;
  const status = run.status ?? 'unknown';
  const active = isActiveRun(run.status);
  const duration = formatDuration(run.startTime, run.finishTime ?? (active && run.startTime ? now.toISOString() : undefined));
  const when = (label: string, iso: string | undefined) => (iso ? `${label}: ${relativeTime(iso, now)} (${absoluteTime(iso)})` : undefined);
  const platform = platformOf(run.platform);
  const images = run.outputImages ?? [];
  const lines = [
    `**Run** ${codeSpan(id)}${run.taskName ? ` of task ${codeSpan(escapeName(run.taskName).text)}` : ' (no task)'}`,
    `Status: ${md(status)}`,
    run.runType ? `Type: ${md(run.runType)}` : undefined,
    `Trigger: ${md(runTrigger(run))}`,
    platform ? `Platform: ${md(platform)}` : undefined,
    when('Created', run.createTime),
    when('Started', run.startTime),
    when('Finished', run.finishTime),
    duration ? `Duration: ${duration}${run.finishTime ? '' : ' so far'}` : undefined,
    images.length ? `Output images:\n${images.map((i) => `- ${md(escapeName(imageText(i)).text)}`).join('\n')}\n` : undefined,
    run.agentPoolName ? `Agent pool: ${md(run.agentPoolName)}` : undefined,
    run.runErrorMessage ? `**Error:** ${md(escapeName(run.runErrorMessage).text)}` : undefined,
  ].filter((line): line is string => line !== undefined);
  return {
    type: 'run',
    id: childId(parent.id, 'run', run.runId),
    parentId: parent.id,
    label: id,
    description: [status, relativeTime(run.createTime, now), duration].filter(Boolean).join(' · '),
    tooltip: lines.join('  \n'),
    icon: runIcon(run.status),
    expandable: false,
    contextValue: `run ${status.toLowerCase()}`,
    registry: parent.registry,
    azure: { runId: run.runId, taskName: run.taskName },
    run,
  };
}
