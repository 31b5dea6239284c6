/**
 * 同步冲突: fields of this case changed on two workstations. The merge kept the later value; the
 * other is in a conflict record. Staff see both side by side and choose which one stays.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { t as translate } from '../../../core/i18n';
import { canCombine, settleConflict, type SettleChoice } from '../../../core/mediation';
import { openConflicts, type ConflictRecord } from '../../../core/conflicts/conflictRecords';
import type { EventDoc, MediationCaseDoc } from '../../../core/schema';
import { useDatabase, useStationSync } from '../../data/session';
import { useLive } from '../../data/useLive';
import { formatDateTime } from '../../ui/formatDate';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
import { StepMessage } from './StepMessage';
import { messageOf, useCaseWriter } from './caseWriter';

/** A field's value as a clerk reads it: text as is, yes/no, lists joined, records as key：value. */
export function displayValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return translate('mediation:conflicts.empty');
  if (typeof value === 'boolean') return translate(value ? 'mediation:conflicts.yes' : 'mediation:conflicts.no');
  if (typeof value === 'string') return ISO_TIME.test(value) ? formatDateTime(value) : value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(displayValue).join('；');
  return Object.entries(value as Record<string, unknown>)
    .map(([, v]) => (v === null || typeof v !== 'object' ? String(v) : displayValue(v)))
    .filter((part, index, all) => part !== '' && all.indexOf(part) === index)
    .join('，');
}

/**
 * A conflict record is stored while the sync is still writing the merged case. A choice made
 * before that write lands would be overwritten by it, so the buttons wait until the sync is idle
 * (or a few seconds, should the network drop again meanwhile).
 */
function useSettledSync(recordsKey: string): boolean {
  const sync = useStationSync();
  const [settledFor, setSettledFor] = useState<string | null>(sync ? null : recordsKey);
  useEffect(() => {
    if (!sync || !recordsKey) return undefined;
    let live = true;
    const idle = Promise.race([sync.awaitInSync(), new Promise((done) => setTimeout(done, 5000))]);
    void idle.then(() => live && setSettledFor(recordsKey));
    return () => {
      live = false;
    };
  }, [sync, recordsKey]);
  return !sync || settledFor === recordsKey;
}

export function ConflictPanel({ doc }: { doc: MediationCaseDoc }) {
  const { t } = useTranslation('mediation');
  const db = useDatabase();
  const writer = useCaseWriter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The case's events hold its conflict records and the steps that settled them.
  const events$ = useMemo(() => db.events.find({ selector: { subjectId: doc.id } }).$, [db, doc.id]);
  const found = useLive(events$);
  const open = useMemo(() => openConflicts((found ?? []).map((e) => e.toJSON() as EventDoc)), [found]);
  const settled = useSettledSync(open.map((r) => r.id).join('|'));
  if (open.length === 0) return null;

  async function settle(record: ConflictRecord, choice: SettleChoice) {
    setBusy(true);
    setError(null);
    try {
      await writer.settle(doc.id, (current) => settleConflict(current, record, choice, writer.actor));
    } catch (thrown) {
      setError(messageOf(thrown));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel panel--padded med-section med-conflicts" aria-labelledby="med-conflicts">
      <h2 id="med-conflicts" className="panel__title">{t('conflicts.title')}</h2>
      <p>{t('conflicts.hint')}</p>
      {settled ? null : <p className="muted" role="status">{t('conflicts.merging')}</p>}
      <div className="table-wrap">
        <table className="data-table" aria-label={t('conflicts.title')}>
          <thead>
            <tr>
              <th scope="col">{t('conflicts.field')}</th>
              <th scope="col" className="is-grow">{t('conflicts.current')}</th>
              <th scope="col" className="is-grow">{t('conflicts.losing')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {open.map((record) => {
              const field = record.field;
              return (
                <tr key={record.id}>
                  <td className="is-nowrap">{t(`field.${field}`, { defaultValue: field })}</td>
                  <td className="is-grow">{displayValue((doc as Record<string, unknown>)[field])}</td>
                  <td className="is-grow">
                    {displayValue(record.losingValue)}
                    <div className="muted">{record.reason} · {t('conflicts.when', { at: formatDateTime(record.at) })}</div>
                  </td>
                  <td className="is-nowrap">
                    <button type="button" className="med-button" disabled={busy || !settled} onClick={() => void settle(record, 'keepCurrent')}>{t('conflicts.keepCurrent')}</button>{' '}
                    <button type="button" className="med-button" disabled={busy || !settled} onClick={() => void settle(record, 'takeLosing')}>{t('conflicts.takeLosing')}</button>
                    {canCombine(doc, record) ? (
                      <>
                        {' '}
                        <button type="button" className="med-button med-button--primary" disabled={busy || !settled} onClick={() => void settle(record, 'combine')}>{t('conflicts.combine')}</button>
                      </>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <StepMessage error={error} />
    </section>
  );
}
