/**
 * What every explorer command needs, built once by createExplorer: the data source, the
 * client pool, credentials, and small helpers for arguments, progress and read-only
 * documents. Each `*Commands.ts` file takes this and returns its handlers, so a new area of
 * commands is a new file, not a longer explorerEntry.ts.
 */
import * as vscode from 'vscode';
import type { ExplorerDataSource, ExplorerNode, RegistryTarget } from '../../core/explorer/index';
import { AcrDoctorError } from '../../core/errors';
import type { Logger } from '../../core/log';
import type { RegistryClient } from '../../core/registry/index';
import type { ExtensionAzureBrowser } from '../azure/azureBrowser';
import type { Config } from '../config';
import type { RegistryCredentials } from './credentials';

export type CommandHandlers = Record<string, (...args: unknown[]) => unknown>;

export interface ExplorerCommandContext {
  config: Config;
  log: Logger;
  data: ExplorerDataSource;
  credentials: RegistryCredentials;
  showLog(): void;
  azureBrowser(): ExtensionAzureBrowser;
  clientFor(target: RegistryTarget): RegistryClient;
  clientOf(node: ExplorerNode): RegistryClient;
  /** Drops the pooled clients of a host (its credentials changed). */
  dropHost(host: string): void;
  /** Fires the view's change event for a node (undefined = the whole tree). */
  fire(node: ExplorerNode | undefined): void;
  /** Forgets a node's subtree and redraws that node only. */
  refreshNode(id: string | undefined): void;
  /** The registry node above a node. */
  registryNodeId(node: ExplorerNode): string | undefined;
  /** Asks how to sign in to a configured registry and stores it; undefined = cancelled. */
  askCredentials(host: string): Promise<'anonymous' | 'basic' | 'docker' | undefined>;
  /** Opens a read-only document (manifest JSON, cleanup plan, storage report). */
  openDocument(path: string, content: string, language: string): Promise<void>;
}

export function nodeArg(arg: unknown): ExplorerNode | undefined {
  return arg && typeof arg === 'object' && 'id' in arg && 'type' in arg ? (arg as ExplorerNode) : undefined;
}

export function needNode(arg: unknown, types: ExplorerNode['type'][], what: string): ExplorerNode {
  const node = nodeArg(arg);
  if (!node || !types.includes(node.type)) throw new AcrDoctorError('EXPLORER_NO_SELECTION', `Select ${what} in the ACR Doctor view first.`, { hint: 'Right-click it there, or select it and run the command again.' });
  return node;
}

/** The clicked node, or the whole multi-selection when the clicked node is part of it. */
export function selection(arg: unknown, selected: unknown): ExplorerNode[] {
  const node = nodeArg(arg);
  const many = Array.isArray(selected) ? selected.map(nodeArg).filter((n): n is ExplorerNode => n !== undefined) : [];
  return node && many.some((n) => n.id === node.id) && many.length > 1 ? many : node ? [node] : [];
}

/** A notification with a Cancel button whose click aborts `work`'s signal. */
export function cancellable<T>(title: string, work: (signal: AbortSignal, progress: vscode.Progress<{ message?: string; increment?: number }>) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    return work(controller.signal, progress);
  });
}
