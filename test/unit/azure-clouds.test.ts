import { describe, expect, it } from 'vitest';
import {
  AzureChinaCloud,
  AzurePublicCloud,
  AzureUSGovernment,
  customCloud,
  parseAzCloudShow,
} from '../../main/collect/azure/clouds';
import { CLOUD_SHOW_PUBLIC } from '../fixtures/azure/fake-az';

describe('Azure clouds', () => {
  it('knows the three sovereign clouds by their az names', () => {
    expect(parseAzCloudShow(JSON.stringify(CLOUD_SHOW_PUBLIC))).toBe(AzurePublicCloud);
    expect(parseAzCloudShow(JSON.stringify({ name: 'AzureUSGovernment', endpoints: {} }))).toBe(
      AzureUSGovernment,
    );
    expect(parseAzCloudShow(JSON.stringify({ name: 'azurechinacloud', endpoints: {} }))).toBe(
      AzureChinaCloud,
    );
    expect(AzureUSGovernment.resourceManagerScope).toBe('https://management.usgovcloudapi.net/.default');
    expect(AzureChinaCloud.authorityHost).toBe('https://login.chinacloudapi.cn');
  });

  it('reads a registered custom cloud (Azure Stack Hub) from its endpoints', () => {
    const stack = parseAzCloudShow(
      JSON.stringify({
        name: 'AzureStackUser',
        endpoints: {
          resourceManager: 'https://management.local.azurestack.external/',
          activeDirectory: 'https://login.microsoftonline.com/',
          activeDirectoryResourceId: 'https://management.adfs.azurestack.local/abcd/',
        },
      }),
    );
    expect(stack).toEqual({
      name: 'AzureStackUser',
      resourceManager: 'https://management.local.azurestack.external',
      resourceManagerScope: 'https://management.adfs.azurestack.local/abcd/.default',
      graph: null,
      graphScope: null,
      authorityHost: 'https://login.microsoftonline.com',
    });
  });

  it('a custom cloud defaults its token audience to the endpoint', () => {
    expect(customCloud({ resourceManager: 'https://arm.contoso.example/' }).resourceManagerScope).toBe(
      'https://arm.contoso.example/.default',
    );
  });

  it('refuses a custom endpoint that is not https, or carries credentials', () => {
    expect(() => customCloud({ resourceManager: 'http://arm.contoso.example' })).toThrow(
      /must be an https:\/\/ URL/,
    );
    expect(() => customCloud({ resourceManager: 'https://user:pw@arm.contoso.example' })).toThrow(
      /user name or password/,
    );
    expect(() => parseAzCloudShow(JSON.stringify({ name: 'Weird', endpoints: {} }))).toThrow(
      /no endpoints.resourceManager/,
    );
    expect(() => parseAzCloudShow('not json')).toThrow(/did not print JSON/);
  });
});
