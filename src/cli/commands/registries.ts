import { AcrDoctorError, CancelledError } from '../../core/errors';
import type { RegistrySummary } from '../../core/azure/index';
import { AZURE_OPTIONS_USAGE, chooseSubscriptions, createAzureContext, defaultAzureCliDeps, parseAzureCommandLine, type AzureCliDeps } from '../azureOptions';
import { EXIT, type CliCommand, type CliIO } from '../io';
import { expectPositionals } from '../options';
import { printError, printJson, printLine, printTable } from '../output';

/** `acr-doctor registries`: every registry in the chosen subscriptions, through ARM. */
export function createRegistriesCommand(deps: AzureCliDeps = defaultAzureCliDeps): CliCommand {
  return {
    name: 'registries',
    summary: 'List the container registries in your Azure subscriptions.',
    usage: ['Usage: acr-doctor registries [options]', '', 'Options:', AZURE_OPTIONS_USAGE, '', 'Exit codes: 0 listed everything, 1 a subscription could not be listed (the others are still shown), 2 bad options.'].join('\n'),
    async run(args: string[], io: CliIO): Promise<number> {
      const parsed = parseAzureCommandLine(args);
      expectPositionals(parsed.positionals, []);
      const context = await createAzureContext(parsed, io, deps);
      const subscriptions = await chooseSubscriptions(context, io.signal);
      const registries: Array<RegistrySummary & { subscriptionName: string }> = [];
      const failures: Array<{ subscriptionId: string; subscriptionName: string; code: string; message: string }> = [];
      for (const subscription of subscriptions) {
        try {
          for await (const registry of context.client.listRegistries(subscription.id, io.signal)) registries.push({ ...registry, subscriptionName: subscription.name });
        } catch (error) {
          if (error instanceof CancelledError || !(error instanceof AcrDoctorError)) throw error;
          failures.push({ subscriptionId: subscription.id, subscriptionName: subscription.name, code: error.code, message: error.toUserMessage() });
        }
      }

      if (context.format === 'json') {
        printJson(io, {
          cloud: context.cloud.name,
          subscriptions: subscriptions.map((s) => ({ id: s.id, name: s.name, tenantId: s.tenantId })),
          registries: registries.map((r) => ({ name: r.name, loginServer: r.loginServer, sku: r.sku, location: r.location, resourceGroup: r.resourceGroup, subscriptionId: r.subscriptionId, subscriptionName: r.subscriptionName, id: r.id, provisioningState: r.provisioningState })),
          errors: failures,
        });
      } else {
        if (subscriptions.length === 0) {
          printLine(io, `No enabled subscriptions are visible to the signed-in identity in ${context.cloud.name}.`);
        } else if (registries.length === 0) {
          printLine(io, `No registries in ${subscriptions.map((s) => s.name).join(', ')}.`);
        } else {
          printTable(
            io,
            ['NAME', 'SKU', 'LOCATION', 'RESOURCE GROUP', 'SUBSCRIPTION', 'LOGIN SERVER'],
            registries.map((r) => [r.name, r.sku, r.location, r.resourceGroup, r.subscriptionName, r.loginServer]),
          );
        }
        for (const failure of failures) printError(io, `acr-doctor registries: subscription ${failure.subscriptionName}: ${failure.message}`);
      }
      return failures.length ? EXIT.failed : EXIT.ok;
    },
  };
}

export const registriesCommand = createRegistriesCommand();
