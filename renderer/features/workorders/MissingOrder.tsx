/**
 * An order this desk does not hold: never here, left on the server by the sync window (an old
 * settled order: fetched now, and shown as soon as it lands), or recorded here and refused by
 * the district (the local copy is taken back, the order waits in the sync screen's refused
 * records). The clerk who just saved it lands here when the refusal comes back first: say so,
 * with the server's reason and the way to the record, not "not found".
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ticketEventIdPrefix } from '../../../core/conflicts/policies';
import { useServerFetch } from './useServerFetch';
import { keyOfId } from '../../../core/schema';
import { reasonOf } from '../../data/rejectionReason';
import { useNames } from '../../data/names';
import { useSyncStatus } from '../../data/session';
import { Screen } from '../../ui/Screen';

export function MissingOrder({ id }: { id: string }) {
  const { t } = useTranslation('workorders');
  const status = useSyncStatus();
  const names = useNames();
  const refusal = status?.rejected.items.find((item) => item.docId === id && item.kind === 'rejectedPush');
  const request = useMemo(() => (refusal ? null : { ids: [id], idPrefix: ticketEventIdPrefix(id) }), [refusal, id]);
  const fetched = useServerFetch(request);
  if (!refusal) {
    return (
      <Screen title={t('title')} purpose="">
        {fetched.state === 'fetching' || fetched.state === 'found' ? (
          <p className="loading" role="status">{t('detail.fetching')}</p>
        ) : fetched.state === 'offline' ? (
          <p className="wo-error" role="status">
            {t('detail.fetchOffline')}{' '}
            <button type="button" className="wo-button" onClick={fetched.retry}>{t('detail.fetchRetry')}</button>
          </p>
        ) : (
          <p className="wo-error">{t('detail.notFound', { id })}</p>
        )}
      </Screen>
    );
  }
  return (
    <Screen title={`${t('title')} ${keyOfId(id)}`} purpose="">
      <section className="panel panel--padded" aria-label={t('detail.refusedTitle')}>
        <p className="wo-error" role="status">{t('detail.refused', { reason: names.inText(reasonOf(refusal)) })}</p>
        <a className="wo-button" href="#/sync">{t('detail.openRefused')}</a>
      </section>
    </Screen>
  );
}
