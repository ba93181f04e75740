/**
 * A failure becomes a node, never an endless spinner: it says what failed and why, and
 * offers the next step (sign in, enter credentials, run diagnostics, show the log, retry).
 * Errors are recognised by their `code`, not by class: the Azure layer and the explorer
 * are separate bundles, each with its own copy of the error classes.
 */
import { isAbortError, isAcrDoctorError } from '../errors';
import { md } from './format';
import { childId, type ExplorerNode, type NodeAction, type RegistryTarget } from './nodes';

const SHOW_LOG: NodeAction = { kind: 'showLog', title: 'Show log' };
const RETRY: NodeAction = { kind: 'retry', title: 'Retry' };
const DIAGNOSE: NodeAction = { kind: 'runDiagnostics', title: 'Run diagnostics for this registry' };

export interface ErrorContext {
  /** What was being done, e.g. "list repositories". */
  what: string;
  registry?: RegistryTarget;
}

function errorText(error: unknown): { message: string; hint?: string; code?: string } {
  if (isAcrDoctorError(error)) return { message: error.message, hint: error.hint, code: error.code };
  return { message: error instanceof Error ? error.message : String(error) };
}

/** The next steps for an error, most useful first. */
export function nextSteps(error: unknown, context: ErrorContext): NodeAction[] {
  const { code } = errorText(error);
  const registry = context.registry;
  const azureRegistry = registry?.source === 'azure';
  switch (code) {
    case 'REGISTRY_AUTH':
      return azureRegistry
        ? [{ kind: 'signIn', title: 'Sign in to Azure' }, DIAGNOSE, SHOW_LOG]
        : [{ kind: 'enterCredentials', title: 'Enter credentials for this registry' }, DIAGNOSE, SHOW_LOG];
    case 'REGISTRY_FORBIDDEN': {
      const ip = (error as { clientIp?: unknown }).clientIp;
      const steps: NodeAction[] = [];
      if (typeof ip === 'string' && azureRegistry) steps.push({ kind: 'addFirewallRule', title: `Add ${ip} to the registry firewall`, clientIp: ip });
      steps.push(DIAGNOSE);
      if (!azureRegistry) steps.push({ kind: 'enterCredentials', title: 'Enter other credentials' });
      steps.push(SHOW_LOG);
      return steps;
    }
    case 'AZURE_SIGN_IN_REQUIRED':
      return [{ kind: 'signIn', title: 'Sign in to Azure' }, SHOW_LOG];
    case 'REGISTRY_NETWORK':
    case 'REGISTRY_TIMEOUT':
    case 'REGISTRY_REDIRECT_REFUSED':
    case 'REGISTRY_INSECURE':
    case 'REGISTRY_ADDRESS':
      return [DIAGNOSE, RETRY, SHOW_LOG];
    case 'REGISTRY_THROTTLED':
    case 'REGISTRY_SERVER':
    case 'AZURE_THROTTLED':
    case 'AZURE_UNREACHABLE':
      return [RETRY, DIAGNOSE, SHOW_LOG];
    default:
      return registry ? [RETRY, DIAGNOSE, SHOW_LOG] : [RETRY, SHOW_LOG];
  }
}

/** One short line for the label: the first sentence of the message, bounded. */
function firstSentence(message: string): string {
  const sentence = /^(.*?[.!?])(\s|$)/.exec(message)?.[1] ?? message;
  return sentence.length > 120 ? `${sentence.slice(0, 117)}…` : sentence;
}

export function errorNode(error: unknown, parentId: string, context: ErrorContext): ExplorerNode | undefined {
  if (isAbortError(error)) return undefined;
  const { message, hint, code } = errorText(error);
  const actions = nextSteps(error, context);
  // An Azure 403 names the role that grants the action: the label says that, the tooltip the details.
  const role = (error as { suggestedRole?: unknown }).suggestedRole;
  const where = context.registry?.azure?.name ?? context.registry?.host;
  const short = code === 'AZURE_PERMISSION_DENIED' && typeof role === 'string' ? `you need the role '${role}'${where ? ` on ${where}` : ''}` : firstSentence(message);
  const tooltip = [`**Could not ${md(context.what)}**`, '', md(message), ...(hint ? ['', `**Next step:** ${md(hint)}`] : []), '', actions.map((a) => `- ${md(a.title)}`).join('\n')].join('\n');
  return {
    type: 'error',
    id: childId(parentId, 'error'),
    parentId,
    label: `Could not ${context.what}: ${short}`,
    description: actions[0]?.title,
    tooltip,
    icon: 'error',
    expandable: false,
    contextValue: `error ${actions.map((a) => `action-${a.kind}`).join(' ')}`,
    registry: context.registry,
    actions,
  };
}
