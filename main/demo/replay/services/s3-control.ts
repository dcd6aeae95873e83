// S3 Control responses (REST-XML under /v20180820/, signed as 's3'; the server tells it from S3 by the path).
// Only the account-level Block Public Access is recorded. The account comes from the estate (the request
// names it in the x-amz-account-id header, which must be the caller's own account for this API).
import { XMLBuilder } from 'fast-xml-parser';
import type { Estate } from '../../estate/types';
import { requestId, type ReplayResponse } from '../wire';
import { UnknownOperation, type ReplayService } from './types';

const NAMESPACE = 'http://awss3control.amazonaws.com/doc/2018-08-20/';
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_' });

function xml(status: number, root: string, content: Record<string, unknown>): ReplayResponse {
  return {
    status,
    headers: {
      'content-type': 'application/xml',
      'x-amz-request-id': requestId().slice(0, 16).toUpperCase(),
    },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: content })}`,
  };
}

/** S3 Control wraps errors in <ErrorResponse><Error> (S3 itself does not). */
function controlError(status: number, code: string, message: string, estate: Estate): ReplayResponse {
  const id = requestId().slice(0, 16).toUpperCase();
  return xml(status, 'ErrorResponse', {
    Error: { Code: code, Message: message, AccountId: estate.accountId },
    RequestId: id,
    HostId: Buffer.from(id).toString('base64'),
  });
}

export const s3ControlReplay: ReplayService = {
  route: (method, path) =>
    method === 'GET' && path === '/v20180820/configuration/publicAccessBlock'
      ? { operation: 'GetPublicAccessBlock' }
      : undefined,
  respond: (estate, req) => {
    if (req.operation !== 'GetPublicAccessBlock') throw new UnknownOperation();
    const pab = estate.s3Extras?.accountPublicAccessBlock ?? null;
    if (!pab) {
      return controlError(
        404,
        'NoSuchPublicAccessBlockConfiguration',
        'The public access block configuration was not found',
        estate,
      );
    }
    return xml(200, 'PublicAccessBlockConfiguration', { '@_xmlns': NAMESPACE, ...pab });
  },
};
