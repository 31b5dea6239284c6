/**
 * 被服务器拒收的记录: every write the server refused (and every server record the local schema
 * refused), each with its type, the server's reason in Chinese, the fields that identify it,
 * and what the clerk can do: 重新提交 or 放弃本地修改. Nothing leaves this list without a
 * decision, and a settled record is kept (resolved), never deleted.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { discardRejected, resendRejected } from '../../../sync/quarantineActions';
import type { QuarantineDoc } from '../../../core/schema';
import { useDatabase, useStationSync } from '../../data/session';
import { useLive } from '../../data/useLive';
import { useNames } from '../../data/names';
import { formatDateTime } from '../../ui/formatDate';
import { rejectionOf, type Rejection } from './rejection';
import { SyncPanel } from './SyncPanel';

export function RejectedPanel() {
  const { t } = useTranslation('syncUi');
  const db = useDatabase();
  const records = useLive(
    useMemo(() => db.quarantine.find({ selector: { kind: { $in: ['rejectedPush', 'invalidPull'] } }, sort: [{ at: 'desc' }] }).$, [db]),
  );
  const open = (records ?? []).map((doc) => doc.toJSON() as QuarantineDoc).filter((doc) => !doc.resolvedAt);
  const [message, setMessage] = useState<{ tone: 'ok' | 'danger'; text: string } | null>(null);
  const names = useNames();

  return (
    <SyncPanel id="sync-rejected" title={t('rejected.title')} count={open.length} warn className="sync-rejected">
      {message ? (
        <p className={`sync-message sync-message--${message.tone}`} role="status">{message.text}</p>
      ) : null}
      {records === undefined ? null : open.length === 0 ? (
        <p className="sync-muted">{t('rejected.empty')}</p>
      ) : (
        <>
          <p className="sync-muted">{t('rejected.intro')}</p>
          <ul className="rejected-list">
            {open.map((record) => (
              <RejectedItem key={record.id} rejection={rejectionOf(record, formatDateTime, names.inText)} onDone={setMessage} />
            ))}
          </ul>
        </>
      )}
    </SyncPanel>
  );
}

function RejectedItem({ rejection, onDone }: { rejection: Rejection; onDone: (message: { tone: 'ok' | 'danger'; text: string }) => void }) {
  const { t } = useTranslation('syncUi');
  const db = useDatabase();
  const sync = useStationSync();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const act = async (action: 'resend' | 'discard') => {
    setBusy(true);
    try {
      if (action === 'resend') {
        await resendRejected(db, rejection.id);
        sync?.resync();
        onDone({ tone: 'ok', text: t('rejected.resent') });
      } else {
        await discardRejected(db.quarantine, rejection.id);
        onDone({ tone: 'ok', text: t('rejected.discarded') });
      }
    } catch (error) {
      onDone({ tone: 'danger', text: t('rejected.failed', { message: error instanceof Error ? error.message : String(error) }) });
      setBusy(false);
    }
  };

  return (
    <li className="rejected-item" aria-label={`${rejection.typeLabel} ${rejection.docId}`} data-doc-id={rejection.docId}>
      <div className="rejected-item__head">
        <span className="tag tag--warn">{rejection.typeLabel}</span>
        <span className="rejected-item__kind">{t(`rejected.kinds.${rejection.kind}`)}</span>
        <time className="rejected-item__at" dateTime={rejection.at}>{formatDateTime(rejection.at)}</time>
      </div>
      <p className="rejected-item__reason">
        <span className="rejected-item__label">{t('rejected.reason')}：</span>
        {rejection.reason}
      </p>
      <p className="rejected-item__advice">
        <span className="rejected-item__label">{t('advice.label')}：</span>
        {rejection.advice}
      </p>
      <dl className="rejected-item__fields">
        {rejection.fields.map((field) => (
          <div key={field.label}>
            <dt>{field.label}</dt>
            <dd>{field.value}</dd>
          </div>
        ))}
      </dl>
      <div className="rejected-item__actions">
        {confirming ? (
          <>
            <span className="rejected-item__confirm">{t('rejected.confirmDiscard')}</span>
            <button type="button" className="action-button" disabled={busy} onClick={() => setConfirming(false)}>{t('rejected.cancel')}</button>
            <button type="button" className="action-button action-button--danger" disabled={busy} onClick={() => void act('discard')}>{t('rejected.confirm')}</button>
          </>
        ) : (
          <>
            {rejection.kind === 'rejectedPush' && rejection.canResend ? (
              <button type="button" className="action-button action-button--primary" disabled={busy} onClick={() => void act('resend')}>{t('rejected.resend')}</button>
            ) : null}
            <button type="button" className="action-button" disabled={busy} onClick={() => setConfirming(true)}>{t('rejected.discard')}</button>
          </>
        )}
      </div>
    </li>
  );
}
