// The Azure cloud form's rules, without React: the same checks the core applies (shared/azure-cloud.ts: https
// only, no credentials, no query), field by field, and the connections.setAzureCloud choice the form describes.
import {
  azureEndpointProblem,
  type AzureCloudChoiceInput,
  type AzureCloudName,
} from '../../../../shared/azure-cloud';

export type Choice = AzureCloudName | 'custom';

export type CloudForm = {
  cloud: Choice;
  name: string;
  resourceManager: string;
  authorityHost: string;
  graph: string;
};

export type Field = 'name' | 'resourceManager' | 'authorityHost' | 'graph';

/** What is wrong with the form, field by field (empty when it can be saved). */
export function cloudFormProblems(form: CloudForm): Partial<Record<Field, string>> {
  if (form.cloud !== 'custom') return {};
  const out: Partial<Record<Field, string>> = {};
  if (!form.name.trim()) out.name = 'Give the cloud a name, e.g. AzureStackHub.';
  const rm = azureEndpointProblem(form.resourceManager, 'Resource Manager endpoint');
  if (rm) out.resourceManager = rm;
  const auth = azureEndpointProblem(form.authorityHost, 'authority host');
  if (auth) out.authorityHost = auth;
  const graph = form.graph.trim() ? azureEndpointProblem(form.graph, 'Microsoft Graph endpoint') : null;
  if (graph) out.graph = graph;
  return out;
}

/** The connections.setAzureCloud choice the form describes. */
export function cloudChoiceOf(form: CloudForm): AzureCloudChoiceInput {
  if (form.cloud !== 'custom') return { cloud: form.cloud };
  return {
    cloud: 'custom',
    name: form.name.trim(),
    resourceManager: form.resourceManager.trim(),
    authorityHost: form.authorityHost.trim(),
    ...(form.graph.trim() ? { graph: form.graph.trim() } : {}),
  };
}
