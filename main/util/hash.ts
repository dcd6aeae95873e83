// SHA-256 over canonical JSON (RFC 8785, via `canonicalize`): the same data always hashes the same,
// whatever key order it was built in, so an auditor can recompute any hash we record.
import crypto from 'node:crypto';
import canonicalize from 'canonicalize';

export function sha256(data: string | Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value cannot be represented as JSON');
  return text;
}

export function sha256Json(value: unknown): string {
  return sha256(canonicalJson(value));
}
