import { useState } from 'react';
import { call } from '../../api/transport.js';
import type { ApiResponse, SellerDetail } from '../../api/types.js';
import { SellerChoices } from '../../components/SellerChoices.js';
import { useT } from '../../i18n/i18n.js';
import { refreshCatalogue } from '../../state/refresh.js';
import { navigate } from '../../state/router.js';
import { drop } from '../../util/drop.js';
import { sellerLabel } from '../../util/format.js';

/**
 * What the investigator keeps about a seller: tags, notes, and whether it is
 * one operator with another. Each change goes through the same core call as
 * `exhibit seller`, and is a custody entry.
 */
export function SellerEdits({ detail }: { detail: SellerDetail }) {
  const t = useT();
  const e = t.sellerEdit;
  const s = detail.seller;
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const act = <K extends 'sellers.tag' | 'sellers.setNotes' | 'sellers.merge' | 'sellers.unmerge'>(run: () => Promise<ApiResponse<K>>, after: (r: Extract<ApiResponse<K>, { ok: true }>) => string | null) => {
    setBusy(true);
    drop(
      run().then(async (r) => {
        setBusy(false);
        if (!r.ok) return setSaid({ ok: false, text: r.error.message });
        const text = after(r as Extract<ApiResponse<K>, { ok: true }>);
        setSaid(text ? { ok: true, text } : null);
        await refreshCatalogue();
      }),
    );
  };
  return (
    <section className="card seller-edits" aria-label={`${e.tags}, ${e.notes}, ${e.merge}`}>
      <p className={`small-text ${said?.ok === false ? 'bad-text' : 'good-text'}`} role={said?.ok === false ? 'alert' : 'status'}>
        {said?.text ?? ''}
      </p>
      <TagsEditor tags={detail.tags} busy={busy} onTag={(tag, on) => act(() => call('sellers.tag', { ref: s.id, tag, on }), () => null)} />
      <NotesEditor key={s.id} notes={s.notes} busy={busy} onSave={(notes) => act(() => call('sellers.setNotes', { ref: s.id, notes }), () => e.saved)} />
      <MergeEditor
        detail={detail}
        busy={busy}
        onMerge={(into, reason) =>
          act(
            () => call('sellers.merge', { ref: s.id, into, ...(reason ? { reason } : {}) }),
            (r) => {
              navigate({ page: 'seller', id: r.value.into.id });
              return e.mergedInto(r.value.into.label);
            },
          )
        }
        onUnmerge={(ref) => act(() => call('sellers.unmerge', { ref }), (r) => e.unmerged(r.value.absorbed.label))}
      />
    </section>
  );
}

function TagsEditor({ tags, busy, onTag }: { tags: string[]; busy: boolean; onTag(tag: string, on: boolean): void }) {
  const t = useT();
  const e = t.sellerEdit;
  const [tag, setTag] = useState('');
  return (
    <div className="edit-block">
      <h3>{e.tags}</h3>
      <ul className="plain tag-list">
        {tags.length === 0 ? <li className="muted">{t.common.none}</li> : null}
        {tags.map((x) => (
          <li key={x} className="tag">
            {x}{' '}
            <button type="button" className="icon-button small" aria-label={e.removeTag(x)} title={e.removeTag(x)} disabled={busy} onClick={() => onTag(x, false)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        className="inline-form"
        onSubmit={(ev) => {
          ev.preventDefault();
          if (!tag.trim()) return;
          onTag(tag.trim(), true);
          setTag('');
        }}
      >
        <label>
          <span>{e.addTag}</span>
          <input type="text" name="tag" value={tag} onChange={(ev) => setTag(ev.target.value)} maxLength={64} />
        </label>
        <button type="submit" className="small" disabled={busy || !tag.trim()}>
          {e.add}
        </button>
      </form>
    </div>
  );
}

function NotesEditor({ notes, busy, onSave }: { notes: string; busy: boolean; onSave(notes: string): void }) {
  const t = useT();
  const e = t.sellerEdit;
  const [text, setText] = useState(notes);
  return (
    <form
      className="edit-block"
      onSubmit={(ev) => {
        ev.preventDefault();
        onSave(text);
      }}
    >
      <label>
        <h3>{e.notes}</h3>
        <span className="muted small-text">{e.notesHint}</span>
        <textarea name="notes" rows={3} value={text} onChange={(ev) => setText(ev.target.value)} maxLength={20_000} />
      </label>
      <button type="submit" className="small" disabled={busy || text === notes}>
        {e.saveNotes}
      </button>
    </form>
  );
}

function MergeEditor({ detail, busy, onMerge, onUnmerge }: { detail: SellerDetail; busy: boolean; onMerge(into: string, reason: string): void; onUnmerge(ref: string): void }) {
  const t = useT();
  const e = t.sellerEdit;
  const [into, setInto] = useState('');
  const [reason, setReason] = useState('');
  return (
    <div className="edit-block">
      <h3>{e.merge}</h3>
      {detail.merged.length > 0 ? (
        <ul className="plain">
          {detail.merged.map((m) => (
            <li key={m.id}>
              <code className="hash">{sellerLabel(m)}</code>{' '}
              <button type="button" className="small" aria-label={e.unmergeLabel(sellerLabel(m))} disabled={busy} onClick={() => onUnmerge(m.id)}>
                {e.unmerge}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="muted small-text">{e.mergeHint}</p>
      <form
        className="inline-form"
        onSubmit={(ev) => {
          ev.preventDefault();
          onMerge(into.trim(), reason.trim());
        }}
      >
        <label>
          <span>{e.mergeInto}</span>
          <input type="text" name="merge-into" value={into} onChange={(ev) => setInto(ev.target.value)} list="merge-seller-choices" maxLength={400} autoComplete="off" />
        </label>
        <SellerChoices id="merge-seller-choices" />
        <label>
          <span>{e.mergeReason}</span>
          <input type="text" name="merge-reason" value={reason} onChange={(ev) => setReason(ev.target.value)} maxLength={2000} />
        </label>
        <button type="submit" className="small" disabled={busy || !into.trim()}>
          {e.doMerge}
        </button>
      </form>
    </div>
  );
}
