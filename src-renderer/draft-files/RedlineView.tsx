import { useMemo, useState } from 'react';
import type { Redline, RedlineBlock } from '../../src-shared/api/index.js';
import { applyDecisions, type Decision } from '../../src-shared/redline-decisions.js';
import { useI18n } from '../i18n/I18nProvider.js';

/**
 * A redline inline: insertions underlined, deletions struck through, moved units marked at both
 * places; each change has its own Accept / Reject, and the text those decisions give is shown below.
 */
export function RedlineView({ redline, onExportPdf, busy }: { redline: Redline; onExportPdf: () => void; busy: boolean }) {
  const { t } = useI18n();
  const [decisions, setDecisions] = useState<Record<number, Decision>>({});
  const result = useMemo(() => applyDecisions(redline, decisions), [redline, decisions]);
  const decide = (id: number, d: Decision) => setDecisions((prev) => ({ ...prev, [id]: d }));
  const all = (d: Decision) => setDecisions(Object.fromEntries(redline.changes.map((c) => [c.id, d])));
  const counts = Object.values(decisions);
  return (
    <div className="redline">
      <div className="redline-bar">
        <p role="status">
          {redline.changes.length === 0
            ? t('redline.none')
            : t('redline.summary', {
                changes: redline.changes.length,
                accepted: counts.filter((d) => d === 'accept').length,
                rejected: counts.filter((d) => d === 'reject').length,
              })}
        </p>
        <button type="button" className="btn" onClick={() => all('accept')} disabled={!redline.changes.length}>
          {t('redline.acceptAll')}
        </button>
        <button type="button" className="btn" onClick={() => all('reject')} disabled={!redline.changes.length}>
          {t('redline.rejectAll')}
        </button>
        <button type="button" className="btn btn-primary" onClick={onExportPdf} disabled={busy}>
          {t('redline.exportPdf')}
        </button>
      </div>
      <ol className="redline-blocks">
        {redline.blocks.map((block, i) => (
          <li key={i} className={`redline-block redline-${block.status}`}>
            <BlockText block={block} decisions={decisions} onDecide={decide} />
          </li>
        ))}
      </ol>
      <details className="redline-result">
        <summary>{t('redline.result')}</summary>
        {result.map((b, i) => (
          <p key={i}>{b.text}</p>
        ))}
      </details>
    </div>
  );
}

function BlockText({ block, decisions, onDecide }: { block: RedlineBlock; decisions: Record<number, Decision>; onDecide: (id: number, d: Decision) => void }) {
  const { t } = useI18n();
  // A unit no longer in the new version is named by its old number.
  const label = block.status === 'movedAway' || block.status === 'deleted' ? block.fromLabel : (block.toLabel ?? block.fromLabel);
  // Each change's buttons follow its last segment (or the block, for whole-block changes).
  const buttons = (id: number) => (
    <span className="redline-decide" role="group" aria-label={t('redline.change', { n: id })}>
      <sup>{id}</sup>
      {(['accept', 'reject'] as const).map((d) => (
        <button key={d} type="button" className="btn" aria-pressed={decisions[id] === d} onClick={() => onDecide(id, d)}>
          {t(d === 'accept' ? 'redline.accept' : 'redline.reject')}
        </button>
      ))}
    </span>
  );
  const whole = block.status === 'inserted' || block.status === 'deleted' || block.status === 'moved' || block.status === 'movedAway';
  return (
    <>
      {label && <strong className="redline-label">{label} </strong>}
      {block.status === 'moved' && <em className="redline-note">{t('redline.movedFrom', { from: block.fromLabel ?? '' })} </em>}
      {block.status === 'movedAway' && <em className="redline-note">{t('redline.movedTo', { to: block.toLabel ?? '' })} </em>}
      {block.segments.map((s, i) => {
        const next = block.segments[i + 1];
        const Tag = s.op === 'insert' ? 'ins' : s.op === 'delete' ? 'del' : 'span';
        const decided = s.change !== undefined ? decisions[s.change] : undefined;
        return (
          <span key={i}>
            <Tag className={decided ? `redline-${decided}ed` : undefined}>{s.text}</Tag>
            {!whole && s.change !== undefined && next?.change !== s.change && buttons(s.change)}
          </span>
        );
      })}
      {whole && block.change !== undefined && block.status !== 'movedAway' && buttons(block.change)}
    </>
  );
}
