// The transport that points the real Azure REST client at the loopback replay server (recipe C of the Azure
// examples' README): requests keep their real https URLs all the way through the pipeline, so bearer
// authentication, scopes, paging and the registry guard run exactly as against Azure, and only here, at the
// socket, is https://management.azure.com/... sent to http://127.0.0.1:<port>/... instead. Any other host is
// refused, so a test or the demo can never reach the internet.
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import { AzurePublicCloud, type AzureCloud } from '../../collect/azure/clouds';

/** The path prefix under which the replay server answers Microsoft Graph (ARM is at its root). */
export const GRAPH_PREFIX = '/__graph';

export function redirectingHttpClient(serverUrl: string, cloud: AzureCloud = AzurePublicCloud): HttpClient {
  const inner = createDefaultHttpClient();
  const targets: [string, string][] = [[cloud.resourceManager, serverUrl]];
  if (cloud.graph) targets.push([cloud.graph, `${serverUrl}${GRAPH_PREFIX}`]);
  return {
    async sendRequest(request) {
      const target = targets.find(([from]) => request.url.toLowerCase().startsWith(`${from.toLowerCase()}/`));
      if (!target)
        throw new Error(
          `The replay transport refuses ${new URL(request.url).origin}: not a cloud endpoint it serves.`,
        );
      // The retry policy sends the same request object again: restore the real URL afterwards, or the bearer
      // policy would see http:// on the next attempt and refuse it.
      const url = request.url;
      const insecure = request.allowInsecureConnection;
      request.url = target[1] + url.slice(target[0].length);
      request.allowInsecureConnection = true;
      try {
        return await inner.sendRequest(request);
      } finally {
        request.url = url;
        request.allowInsecureConnection = insecure;
      }
    },
  };
}
