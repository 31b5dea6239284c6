/**
 * 人员: the roster — grid heads, full- and part-time grid workers, mediators and enforcement
 * officers by department — with their grids and whether they are on duty. Towns maintain it;
 * village stations read it. Assignment pickers in work orders and cases draw from this list.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STAFF_ROLES, type DepartmentDoc, type GridDoc, type StaffDoc, type StaffRole } from '../../../core/schema';
import { useDatabase } from '../../data/session';
import { EmptyState } from '../../ui/EmptyState';
import { ListCount } from '../../ui/ListCount';
import { Screen } from '../../ui/Screen';
import { Tag } from '../../ui/Tag';
import { useAllDocs } from '../../data/useAllDocs';
import { useRecordFocus } from '../../app/useHashRoute';
import '../map/registry.css';

type Duty = '' | 'on' | 'off';
const SHOWN = 300;

export function StaffScreen() {
  const { t } = useTranslation(['registry', 'app', 'common']);
  const db = useDatabase();
  const staff = useAllDocs<StaffDoc>(db.staff, 'id');
  const grids = useAllDocs<GridDoc>(db.grids, 'code');
  const departments = useAllDocs<DepartmentDoc>(db.departments, 'id');
  const [query, setQuery] = useState('');
  const [role, setRole] = useState<StaffRole | ''>('');
  const [duty, setDuty] = useState<Duty>('');
  // Opened from 全局搜索 on one person: show them (their name may be shared) and mark their row.
  const found = useRecordFocus('staff', staff, (s) => s.staffId, (s) => {
    setQuery(s.name);
    setRole('');
    setDuty('');
  });

  const gridName = useMemo(() => new Map((grids ?? []).map((g) => [g.code, g.name])), [grids]);
  const departmentName = useMemo(() => new Map((departments ?? []).map((d) => [d.code, d.name])), [departments]);
  const matches = useMemo(() => {
    const q = query.trim();
    return (staff ?? [])
      .filter((s) => (!role || s.roles.includes(role)) && (!duty || s.onDuty === (duty === 'on')) && (!q || s.name.includes(q) || s.phone.includes(q)))
      .sort((a, b) => a.ownerCode.localeCompare(b.ownerCode) || a.staffId.localeCompare(b.staffId));
  }, [staff, query, role, duty]);

  const body =
    staff === undefined ? (
      <p className="loading" role="status">
        {t('common:loading')}
      </p>
    ) : matches.length === 0 ? (
      <p className="registry-empty" role="status">
        {t('staff.noMatch')}
      </p>
    ) : (
      <table className="registry-table" aria-label={t('app:nav.staff')}>
        <thead>
          <tr>
            <th scope="col">{t('app:staff.name')}</th>
            <th scope="col">{t('app:staff.roles')}</th>
            <th scope="col">{t('app:staff.phone')}</th>
            <th scope="col">{t('staff.grids')}</th>
            <th scope="col">{t('staff.department')}</th>
            <th scope="col">{t('app:staff.duty')}</th>
          </tr>
        </thead>
        <tbody>
          {matches.slice(0, SHOWN).map((s) => (
            <tr key={s.staffId} data-staff={s.staffId} className={s.staffId === found ? 'is-found' : undefined}>
              <td>
                <strong>{s.name}</strong>
              </td>
              <td>{s.roles.map((r) => t(`app:staff.roleNames.${r}`)).join('、')}</td>
              <td className="mono">{s.phone}</td>
              <td>{s.gridCodes.length ? s.gridCodes.map((code) => gridName.get(code) ?? code).join('、') : t('card.unknown')}</td>
              <td>{s.departmentCode ? (departmentName.get(s.departmentCode) ?? s.departmentCode) : t('card.unknown')}</td>
              <td>{s.onDuty ? <Tag tone="ok">{t('app:staff.onDuty')}</Tag> : <Tag tone="muted">{t('app:staff.offDuty')}</Tag>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );

  return (
    <Screen title={t('app:nav.staff')} purpose={t('app:purpose.staff')} aside={<ListCount total={staff?.length} />}>
      {staff?.length === 0 ? (
        <EmptyState />
      ) : (
      <div className="panel">
        <div className="registry-filters" role="search" aria-label={t('staff.search')}>
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('staff.searchPlaceholder')} aria-label={t('staff.search')} />
          <select value={role} onChange={(e) => setRole(e.target.value as StaffRole | '')} aria-label={t('app:staff.roles')}>
            <option value="">{t('staff.allRoles')}</option>
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`app:staff.roleNames.${r}`)}
              </option>
            ))}
          </select>
          <select value={duty} onChange={(e) => setDuty(e.target.value as Duty)} aria-label={t('app:staff.duty')}>
            <option value="">{t('staff.allDuty')}</option>
            <option value="on">{t('app:staff.onDuty')}</option>
            <option value="off">{t('app:staff.offDuty')}</option>
          </select>
        </div>
        {staff !== undefined && matches.length > 0 ? <p className="registry-count">{t('staff.matches', { count: matches.length })}</p> : null}
        {body}
        <p className="registry-note">{t('staff.maintainedBy')}</p>
      </div>
      )}
    </Screen>
  );
}
