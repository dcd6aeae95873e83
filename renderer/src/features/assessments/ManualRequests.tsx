// Manual evidence requests of one control and the files answering them. Files are uploaded inline (base64,
// capped: the browser bridge takes 1 MiB bodies) or, for larger ones, by a path on the machine running the
// core. They are never previewed, opened or executed here: the name, hash, size and who attached it are shown.
import { useState } from 'react';
import { MAX_INLINE_ATTACHMENT_BASE64 } from '../../../../shared/api';
import type { AssessmentControl, Attachment } from '../../../../shared/domain';
import { call } from '../../lib/api';
import { formatBytes, formatTimestamp, shortHash } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { useActor } from './actor';
import { today } from './assessment-text';
import { useAction } from './use-action';

/** Bytes that fit in MAX_INLINE_ATTACHMENT_BASE64 characters of base64. */
export const MAX_INLINE_BYTES = (MAX_INLINE_ATTACHMENT_BASE64 / 4) * 3;

/** A File's bytes as base64 (FileReader, so large files never go through a JS string of binary). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

function AttachForm(props: { assessmentId: string; requestId: string; onAttached: () => void }) {
  const { actor } = useActor();
  const [file, setFile] = useState<File | null>(null);
  const [path, setPath] = useState('');
  const [byPath, setByPath] = useState(false);
  const [description, setDescription] = useState('');
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState('');
  const attach = useAction();
  const tooBig = file !== null && file.size > MAX_INLINE_BYTES;
  const ready =
    !!actor && description.trim().length > 0 && (byPath ? path.trim().length > 0 : !!file && !tooBig);

  async function submit() {
    if (!actor || !ready) return;
    const done = await attach.run('evidence.attach', async () =>
      call('evidence.attach', {
        actor: actor.id,
        assessmentId: props.assessmentId,
        requestId: props.requestId,
        description: description.trim(),
        effectiveFrom: from,
        effectiveTo: to || undefined,
        file: byPath ? { path: path.trim() } : { name: file!.name, base64: await readBase64(file!) },
      }),
    );
    if (done) {
      setFile(null);
      setDescription('');
      props.onAttached();
    }
  }

  return (
    <form
      className="inline-form attach-form"
      data-testid={`attach-form-${props.requestId}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {byPath ? (
        <label className="inline-field grow">
          <span>File path on this machine</span>
          <input
            type="text"
            className="mono"
            data-testid="attach-path"
            placeholder="/home/me/evidence/access-review.pdf"
            value={path}
            onChange={(e) => setPath(e.target.value)}
          />
        </label>
      ) : (
        <label className="inline-field">
          <span>File (up to {formatBytes(MAX_INLINE_BYTES)})</span>
          <input
            type="file"
            data-testid="attach-file"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            aria-invalid={tooBig}
          />
          {tooBig ? (
            <span className="field__error">
              {formatBytes(file.size)} is too large to send inline: attach it by path (up to 50 MiB).
            </span>
          ) : null}
        </label>
      )}
      <label className="inline-field grow">
        <span>What it shows</span>
        <input
          type="text"
          data-testid="attach-description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <label className="inline-field">
        <span>Effective from</span>
        <input type="date" data-testid="attach-from" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label className="inline-field">
        <span>to (optional)</span>
        <input type="date" data-testid="attach-to" value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      <button
        type="submit"
        className="btn btn--small btn--primary"
        data-testid="attach-submit"
        disabled={attach.busy || !ready}
      >
        {attach.busy ? 'Attaching…' : 'Attach'}
      </button>
      <button type="button" className="btn btn--small btn--ghost" onClick={() => setByPath(!byPath)}>
        {byPath ? 'Upload a file instead' : 'Attach by path instead'}
      </button>
    </form>
  );
}

function AttachmentRows({ files }: { files: Attachment[] }) {
  const { people } = useActor();
  const who = (id: string) => people.find((p) => p.id === id)?.name ?? id;
  return (
    <table className="table attachments-table">
      <thead>
        <tr>
          <th scope="col">Rev.</th>
          <th scope="col">File</th>
          <th scope="col">What it shows</th>
          <th scope="col">Effective</th>
          <th scope="col">Attached</th>
          <th scope="col">SHA-256</th>
        </tr>
      </thead>
      <tbody>
        {files.map((f) => (
          <tr key={f.id} data-testid="attachment-row" className={f.current ? undefined : 'is-superseded'}>
            <td>
              {f.revision}
              {f.current ? '' : ' (replaced)'}
            </td>
            <td className="break">
              {f.originalName} <span className="muted small">{formatBytes(f.size)}</span>
            </td>
            <td>{f.description}</td>
            <td className="nowrap small">
              {f.effectiveFrom === f.effectiveTo ? f.effectiveFrom : `${f.effectiveFrom} → ${f.effectiveTo}`}
            </td>
            <td className="small">
              {formatTimestamp(f.uploadedAt)}
              <div className="muted">{who(f.uploadedBy)}</div>
            </td>
            <td className="mono small" title={f.sha256}>
              {shortHash(f.sha256, 16)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ManualRequests(props: {
  assessmentId: string;
  control: AssessmentControl;
  onChanged: () => void;
}) {
  const files = useCall('evidence.list', { assessmentId: props.assessmentId });
  const [open, setOpen] = useState<string | null>(null);
  if (props.control.requests.length === 0) return null;
  return (
    <section className="panel" aria-label="Manual evidence" data-testid="manual-requests">
      <h2>Manual evidence</h2>
      <p className="muted small">
        Files are kept by their SHA-256 and never opened here: no preview, no execution.
      </p>
      {props.control.requests.map((r) => {
        const mine = (files.data ?? []).filter((f) => f.requestId === r.id);
        return (
          <div key={r.id} className="request" data-testid={`request-${r.id}`} data-answered={r.answered}>
            <div className="row-gap">
              <span className="mono">{r.id}</span>
              <span className={`chip chip--caps chip--${r.answered ? 'good' : 'warn'}`}>
                {r.answered ? 'answered' : 'awaiting'}
              </span>
              <span className="grow">{r.request}</span>
              <button
                type="button"
                className="btn btn--small"
                data-testid={`attach-open-${r.id}`}
                onClick={() => setOpen(open === r.id ? null : r.id)}
              >
                {mine.length > 0 ? 'Attach a new revision' : 'Attach a file'}
              </button>
            </div>
            {mine.length > 0 ? <AttachmentRows files={mine} /> : null}
            {open === r.id ? (
              <AttachForm
                assessmentId={props.assessmentId}
                requestId={r.id}
                onAttached={() => {
                  setOpen(null);
                  files.reload();
                  props.onChanged();
                }}
              />
            ) : null}
          </div>
        );
      })}
    </section>
  );
}
