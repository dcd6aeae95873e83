// ACM responses (awsJson1_1; timestamps are epoch seconds). ListCertificates filters like ACM: without
// Includes.keyTypes only RSA_2048 certificates are listed, and CertificateStatuses narrows by status.
import type { Estate } from '../../estate/types';
import type { EstateCertificate } from '../../estate/sections/app';
import { jsonOk } from '../wire';
import { pageOf, UnknownOperation, type Responder } from './types';

/** Certificates per page (AWS: up to 1000); small so the demo exercises pagination. */
const PAGE = 2;
const DAY_S = 86_400;

const arnOf = (estate: Estate, c: EstateCertificate) =>
  `arn:aws:acm:${c.region}:${estate.accountId}:certificate/${c.id}`;

export const acmResponder: Responder = (estate, req) => {
  if (req.operation !== 'ListCertificates') throw new UnknownOperation();
  const includes = req.params.Includes as { keyTypes?: string[] } | undefined;
  const keyTypes = includes?.keyTypes?.length ? includes.keyTypes : ['RSA_2048'];
  const statuses = req.params.CertificateStatuses as string[] | undefined;
  const certs = (estate.appServices?.certificates ?? []).filter(
    (c) =>
      c.region === req.region &&
      keyTypes.includes(c.keyAlgorithm) &&
      (!statuses?.length || statuses.includes(c.status)),
  );
  const max = Number(req.params.MaxItems);
  const { page, next } = pageOf(
    certs,
    req.params.NextToken,
    Number.isFinite(max) && max > 0 ? Math.min(max, PAGE) : PAGE,
  );
  const now = Math.floor(req.now.getTime() / 1000);
  return jsonOk({
    CertificateSummaryList: page.map((c) => {
      const issued = c.status !== 'PENDING_VALIDATION' && c.status !== 'FAILED';
      const notAfter = now + c.expiresInDays * DAY_S;
      return {
        CertificateArn: arnOf(estate, c),
        DomainName: c.domain,
        SubjectAlternativeNameSummaries: [c.domain],
        HasAdditionalSubjectAlternativeNames: false,
        Status: c.status,
        Type: c.type,
        KeyAlgorithm: c.keyAlgorithm.replace('_', '-'),
        KeyUsages: ['DIGITAL_SIGNATURE', 'KEY_ENCIPHERMENT'],
        ExtendedKeyUsages: ['TLS_WEB_SERVER_AUTHENTICATION', 'TLS_WEB_CLIENT_AUTHENTICATION'],
        InUse: c.inUse,
        RenewalEligibility: c.type === 'AMAZON_ISSUED' && c.inUse ? 'ELIGIBLE' : 'INELIGIBLE',
        CreatedAt: notAfter - 395 * DAY_S,
        ...(issued ? { NotBefore: notAfter - 395 * DAY_S, NotAfter: notAfter } : {}),
        ...(issued && c.type === 'IMPORTED' ? { ImportedAt: notAfter - 390 * DAY_S } : {}),
        ...(issued && c.type === 'AMAZON_ISSUED' ? { IssuedAt: notAfter - 395 * DAY_S } : {}),
      };
    }),
    ...(next ? { NextToken: next } : {}),
  });
};
