#!/usr/bin/env python3
"""Recompute the hashes of an Evidence Desk package's snapshot.sqlite and compare them with manifest.json.

Standard library only (Python 3.8+): run it inside the unzipped package folder, or give the folder:

    python3 verify_snapshot.py [package-folder]

It does not check the signature over manifest.json (VERIFY.txt shows how, with openssl); it checks that the
data in snapshot.sqlite is exactly the data the signed manifest describes:

  * every row hash: SHA-256 of the RFC 8785 canonical JSON of the row's stored columns (tags, config, params,
    response and evidence are stored as canonical JSON text and are hashed as those strings);
  * the snapshot content hash: SHA-256 over 'evidence-desk-snapshot-content/2' and one line per item:
    'snapshot <hash of the snapshot header>', 'resource <row hash>' (by uid), 'raw <row hash>' (by seq),
    'gap <row hash>' (by seq), 'redaction <row hash>' (by target), each line ending in a newline; a gap's
    row is {seq, service, region, operation, code, message} plus 'resource' only when it is not NULL;
  * the findings hash of the signed evaluation: 'evidence-desk-evaluation/1', 'evaluation <hash>', then
    'finding <row hash>' ordered by check_id, resource_uid;
  * the schema hash: 'evidence-desk-schema/1', then '<type> <row hash>' for every sqlite_master row
    (type, name, tbl_name, sql) not named sqlite_*, ordered by type, name.

An assessment package (manifest format evidence-desk-package/3) holds several snapshots in one snapshot.sqlite:
each snapshot's content and findings hashes are checked against its entry in manifest.json "snapshots", the
schema hash once, every manual evidence file attachments/<sha256> against the hash it is named by (and against
the attachments table), and every sign-off's digest against the SHA-256 of the digest input stored beside it.
The Ed25519 signatures of the sign-offs need a library the standard library lacks: Evidence Desk's verify
checks them (with each person's public key from the people table), and VERIFY.txt says what they sign.

Exit status 0 when everything matches, 1 otherwise; every mismatch is printed.
"""
import hashlib
import json
import os
import sqlite3
import sys


DEMO_CONNECTIONS = ("demo", "demo-azure")


def canonical(row):
    # For flat objects of strings, integers and null, sorted keys and compact separators with non-ASCII kept
    # as-is is exactly RFC 8785 (all keys here are ASCII, so code-point and UTF-16 order agree).
    return json.dumps(row, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Lines:
    def __init__(self, tag):
        self.h = hashlib.sha256()
        self.line(tag)

    def line(self, text):
        self.h.update((text + "\n").encode("utf-8"))

    def hexdigest(self):
        return self.h.hexdigest()


def rows(db, sql, *params):
    cur = db.execute(sql, params)
    names = [d[0] for d in cur.description]
    for r in cur:
        yield dict(zip(names, r))


def content_hash(db, snapshot_id, problems):
    h = Lines("evidence-desk-snapshot-content/2")
    header = list(rows(db, "SELECT id, connection, provider, account, identity, regions, started_at, finished_at,"
                           " tool_version, catalog_version FROM snapshots WHERE id = ?", snapshot_id))
    if not header:
        problems.append("snapshot.sqlite does not hold snapshot %s" % snapshot_id)
        return None
    h.line("snapshot " + sha256(canonical(header[0])))
    for r in rows(db, "SELECT uid, provider, service, type, region, name, tags, config, sha256 FROM resources"
                      " WHERE snapshot_id = ? ORDER BY uid", snapshot_id):
        stored = r.pop("sha256")
        got = sha256(canonical(r))
        if got != stored:
            problems.append("resource %s was changed after the snapshot was sealed" % r["uid"])
        h.line("resource " + got)
    for r in rows(db, "SELECT seq, service, region, operation, params, response, sha256 FROM raw_responses"
                      " WHERE snapshot_id = ? ORDER BY seq", snapshot_id):
        stored = r.pop("sha256")
        got = sha256(canonical(r))
        if got != stored:
            problems.append("raw response %s (%s %s) was changed" % (r["seq"], r["service"], r["operation"]))
        h.line("raw " + got)
    # 'resource' (schema 8) is hashed only when set, so gaps sealed before it existed hash as they always did.
    has_resource = any(c[1] == "resource" for c in db.execute("PRAGMA table_info(collection_errors)"))
    gap_columns = "seq, service, region, operation, code, message" + (", resource" if has_resource else "")
    for r in rows(db, "SELECT " + gap_columns + " FROM collection_errors WHERE snapshot_id = ? ORDER BY seq",
                  snapshot_id):
        if r.get("resource") is None:
            r.pop("resource", None)
        h.line("gap " + sha256(canonical(r)))
    for r in rows(db, "SELECT target, count, kinds FROM redactions WHERE snapshot_id = ? ORDER BY target",
                  snapshot_id):
        h.line("redaction " + sha256(canonical(r)))
    return h.hexdigest()


def findings_hash(db, evaluation_id):
    h = Lines("evidence-desk-evaluation/1")
    ev = list(rows(db, "SELECT id, snapshot_id, catalog_version, evaluated_at FROM evaluations WHERE id = ?",
                   evaluation_id))
    if not ev:
        return None
    h.line("evaluation " + sha256(canonical(ev[0])))
    for r in rows(db, "SELECT check_id, resource_uid, status, reason, evidence FROM findings"
                      " WHERE evaluation_id = ? ORDER BY check_id, resource_uid", evaluation_id):
        h.line("finding " + sha256(canonical(r)))
    return h.hexdigest()


def schema_hash(db):
    h = Lines("evidence-desk-schema/1")
    for r in rows(db, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
                      " ORDER BY type, name"):
        h.line("%s %s" % (r["type"], sha256(canonical(r))))
    return h.hexdigest()


def file_sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def main_assessment(folder, manifest):
    path = os.path.join(folder, "snapshot.sqlite")
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    problems = []
    shipped = [r[0] for r in db.execute("SELECT id FROM snapshots")]
    listed = [s["id"] for s in manifest["snapshots"]]
    for extra in sorted(set(shipped) - set(listed)):
        problems.append("snapshot.sqlite holds snapshot %s, which the manifest does not list" % extra)
    demo = set()
    for s in manifest["snapshots"]:
        got = content_hash(db, s["id"], problems)
        if got != s["contentSha256"]:
            problems.append("snapshot %s (%s) content hash is %s, the manifest states %s"
                            % (s["id"], s.get("account"), got, s["contentSha256"]))
        ev = s["evaluation"]
        got = findings_hash(db, ev["id"])
        if got != ev["findingsSha256"]:
            problems.append("snapshot %s findings hash is %s, the manifest states %s"
                            % (s["id"], got, ev["findingsSha256"]))
        row = db.execute("SELECT connection FROM snapshots WHERE id = ?", (s["id"],)).fetchone()
        demo.add(row is not None and row[0] in DEMO_CONNECTIONS)
    got = schema_hash(db)
    if got != manifest["schemaSha256"]:
        problems.append("schema hash is %s, the manifest states %s" % (got, manifest["schemaSha256"]))
    if len(demo) > 1:
        problems.append("snapshot.sqlite mixes demo and real snapshots")
    is_demo = True in demo
    if manifest.get("demo") != is_demo:
        problems.append("manifest.json says demo: %s, but the snapshots say %s" % (manifest.get("demo"), is_demo))
    if is_demo or manifest.get("demo") is True:
        print("DEMO - fictional estate: this package is the embedded demo, signed with the published demo key;"
              " it is not evidence of any real account.")
    listed_files = {a["sha256"] for a in manifest["attachments"]}
    recorded = {}
    for sha, name in db.execute("SELECT sha256, original_name FROM attachments"):
        recorded.setdefault(sha, []).append(name)
    for sha in sorted(set(recorded) | listed_files):
        names = ", ".join(recorded.get(sha, ["(no record)"]))
        f = os.path.join(folder, "attachments", sha)
        if sha not in listed_files:
            problems.append("attachment %s (%s) is recorded but the manifest does not list it" % (sha, names))
        if sha not in recorded:
            problems.append("attachments/%s is listed but no attachment record names it" % sha)
        if not os.path.isfile(f):
            problems.append("attachments/%s (%s) is missing" % (sha, names))
        elif file_sha256(f) != sha:
            problems.append("attachments/%s (%s) no longer hashes to its name: the file was changed" % (sha, names))
    signoffs = 0
    for sid, digest, digest_input in db.execute("SELECT id, digest, digest_input FROM signoffs"):
        signoffs += 1
        if sha256(digest_input) != digest:
            problems.append("sign-off %s: its digest is not the SHA-256 of its digest input" % sid)
    db.close()
    for p in problems:
        print("MISMATCH: " + p)
    if problems:
        print("snapshot.sqlite and the attachments do NOT match the signed manifest")
        return 1
    print("%d snapshot(s), %d attachment(s) and %d sign-off digest(s) match the signed manifest"
          % (len(listed), len(recorded), signoffs))
    return 0


def main(folder):
    with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    if manifest.get("format") == "evidence-desk-package/3":
        return main_assessment(folder, manifest)
    path = os.path.join(folder, "snapshot.sqlite")
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    problems = []
    expected = manifest["snapshot"]
    got = content_hash(db, expected["id"], problems)
    if got != expected["contentSha256"]:
        problems.append("content hash is %s, the manifest states %s" % (got, expected["contentSha256"]))
    got = schema_hash(db)
    if got != expected["schemaSha256"]:
        problems.append("schema hash is %s, the manifest states %s" % (got, expected["schemaSha256"]))
    evaluation = manifest["evaluation"]
    got = findings_hash(db, evaluation["id"])
    if got != evaluation["findingsSha256"]:
        problems.append("findings hash is %s, the manifest states %s" % (got, evaluation["findingsSha256"]))
    # A demo package (the embedded demo's fictional estate) is labelled in the signed manifest, and its snapshot's
    # connection (part of the hashed header) is one of the demo connections: the two must agree.
    demo_row = db.execute("SELECT connection FROM snapshots WHERE id = ?", (expected["id"],)).fetchone()
    is_demo = demo_row is not None and demo_row[0] in DEMO_CONNECTIONS
    if "demo" in manifest and manifest["demo"] != is_demo:
        problems.append("manifest.json says demo: %s, but the snapshot's connection is %s"
                        % (manifest["demo"], demo_row[0] if demo_row else "unknown"))
    if is_demo or manifest.get("demo") is True:
        print("DEMO - fictional estate: this package is the embedded demo, signed with the published demo key;"
              " it is not evidence of any real account.")
    db.close()
    for p in problems:
        print("MISMATCH: " + p)
    if problems:
        print("snapshot.sqlite does NOT match the signed manifest")
        return 1
    print("snapshot.sqlite matches the signed manifest: content %s, findings %s, schema %s"
          % (expected["contentSha256"], evaluation["findingsSha256"], expected["schemaSha256"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))))
