// IAM returns policy documents (managed policy versions, inline policies, role trust policies) URL-encoded
// (RFC 3986) JSON; checks and the policy judgement need the JSON object.

/** Decodes an IAM policy document; throws when it is not a JSON object. */
export function decodePolicyDocument(encoded: string): { Statement?: unknown } {
  const text = /^\s*[{[]/.test(encoded) ? encoded : decodeURIComponent(encoded);
  const doc = JSON.parse(text) as unknown;
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    throw new Error('policy document is not a JSON object');
  return doc as { Statement?: unknown };
}
