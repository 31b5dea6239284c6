/**
 * The side menu's count beside 工单: orders sent up to this unit by the units below it that
 * wait for its first step (待立案). A town sees at a glance that a village escalated something
 * while it works on another screen; nothing shows when there is none.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { map } from 'rxjs';
import { useDatabase, useSession } from '../../data/session';
import { useLive } from '../../data/useLive';

export function NewEscalationsBadge() {
  const { t } = useTranslation('workorders');
  const db = useDatabase();
  const { station } = useSession();
  const unit = station.stationCode;
  const count = useLive(
    useMemo(
      () => db.tickets.find({ selector: { holderCode: unit, state: 'pendingFiling', ownerCode: { $ne: unit } } }).$.pipe(map((docs) => docs.length)),
      [db, unit],
    ),
  );
  if (!count) return null;
  return (
    <span className="nav-item__badge" role="status" aria-label={t('nav.newEscalations', { count })} title={t('nav.newEscalations', { count })}>
      {count > 99 ? '99+' : count}
    </span>
  );
}
