// ACM certificates (per region): ListCertificates, every page, every key type and every status. Without the
// keyTypes filter ListCertificates returns RSA_2048 certificates only, which would silently drop ECDSA and
// larger RSA certificates from the population. The summary carries Status, InUse and NotAfter, all the expiry
// check needs.
import type { CertificateSummary, KeyAlgorithm } from '@aws-sdk/client-acm';
import { redactObject } from '../redact';
import { APP_TYPES } from './app-shapes';
import { recordedCall, type CallContext } from './client-config';
import { awsSdk } from './sdk-loader';

const ALL_KEY_TYPES: KeyAlgorithm[] = [
  'RSA_1024',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'EC_prime256v1',
  'EC_secp384r1',
  'EC_secp521r1',
];

export async function collectAcmRegion(ctx: CallContext, region: string): Promise<void> {
  const { ACMClient, ListCertificatesCommand } = await awsSdk.acm();
  const acm = ctx.clients.client('acm', region, (c) => new ACMClient(c));
  const certificates: CertificateSummary[] = [];
  let NextToken: string | undefined;
  do {
    const params = { Includes: { keyTypes: ALL_KEY_TYPES }, ...(NextToken ? { NextToken } : {}) };
    const out = await recordedCall(
      ctx,
      { service: 'acm', region, operation: 'ListCertificates', params },
      (abortSignal) => acm.send(new ListCertificatesCommand(params), { abortSignal }),
    );
    if (!out.ok) break;
    certificates.push(...(out.value.CertificateSummaryList ?? []));
    NextToken = out.value.NextToken;
  } while (NextToken);

  for (const cert of certificates) {
    if (!cert.CertificateArn) continue;
    ctx.sink.resource({
      uid: cert.CertificateArn,
      provider: 'aws',
      service: 'acm',
      type: APP_TYPES.acmCertificate,
      region,
      name: cert.DomainName ?? cert.CertificateArn,
      tags: {},
      config: redactObject(cert),
    });
  }
}
