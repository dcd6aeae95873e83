// Threat: redaction now remembers key names and short values it found clean, so the ingest path does not
// re-scan the same text for every resource. A remembered verdict must never let a secret through: a value
// judged clean under one key (KeyId: ids are known not to be secret) must still be withheld under another
// (Description), and a withheld value or key must be withheld and counted every time it occurs, in every
// order, through the same sink the collectors use.
import { describe, expect, it } from 'vitest';
import { redactWithReport } from '../../main/collect/redact';
import { CollectionBuffer } from '../../main/collect/types';

// AWS's documented example secret access key: 40 characters of base64, withheld wherever a secret may be.
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('remembered redaction verdicts', () => {
  it('a value clean under a known-plain key is still withheld under a free-text key, and back again', () => {
    expect(redactWithReport({ KeyId: AWS_SECRET }).count).toBe(0);
    const free = redactWithReport({ Description: AWS_SECRET });
    expect(free.count).toBe(1);
    expect(JSON.stringify(free.value)).not.toContain(AWS_SECRET);
    // The known-plain verdict is unchanged by the free one in between.
    expect(redactWithReport({ KeyId: AWS_SECRET }).count).toBe(0);
  });

  it('the same secret in many resources is withheld and counted in each, whatever came first', () => {
    const sink = new CollectionBuffer(new AbortController().signal);
    for (let i = 0; i < 50; i++) {
      sink.resource({
        uid: `arn:aws:ec2:us-east-1:111122223333:instance/i-${i}`,
        provider: 'aws',
        service: 'ec2',
        type: 'AWS::EC2::Instance',
        region: 'us-east-1',
        name: `i-${i}`,
        // The same clean value and the same secrets, over and over: only the clean ones may be skipped.
        tags: { Owner: 'ops', Note: AWS_SECRET },
        config: {
          State: 'running',
          UserData: `export AWS_SECRET_ACCESS_KEY=${AWS_SECRET}`,
          Password: 'p4ss',
        },
      });
    }
    expect(sink.resources).toHaveLength(50);
    for (const r of sink.resources) {
      expect(JSON.stringify(r)).not.toContain(AWS_SECRET);
      expect(JSON.stringify(r)).not.toContain('p4ss');
      expect(r.config.State).toBe('running');
      expect(r.tags.Owner).toBe('ops');
    }
    // Three values withheld per resource, every time (none skipped as "seen before").
    expect(sink.redactions).toHaveLength(50);
    expect(new Set(sink.redactions.map((r) => r.count))).toEqual(new Set([3]));
  });

  it('a key that is itself a secret is withheld and counted each time it appears', () => {
    const key = `token=${AWS_SECRET}`;
    const first = redactWithReport({ [key]: 'x' });
    const second = redactWithReport({ [key]: 'x' });
    for (const r of [first, second]) {
      expect(Object.keys(r.value as object).join()).not.toContain(AWS_SECRET);
      expect(r.count).toBeGreaterThanOrEqual(1);
    }
    expect(second.count).toBe(first.count);
  });
});
