/**
 * The station's cases, latest accepted first: search over number, parties and summary, filters by
 * state and dispute type, the clock of each open case. ID numbers are masked here.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MangoQuerySelector } from 'rxdb';
import { duplicateNumbers } from '../../../core/mediation';
import { CASE_STATES, DISPUTE_TYPES, keyOfId, type MediationCaseDoc } from '../../../core/schema';
import { useNames } from '../../data/names';
import { useDatabase, useSession } from '../../data/session';
import { useLive } from '../../data/useLive';
import { LIST_LIMIT } from '../../data/useLiveList';
import type { Column } from '../../ui/DataTable';
import { formatDate } from '../../ui/formatDate';
import { ListBody } from '../../ui/ListBody';
import { Tag } from '../../ui/Tag';
import { ClockTag, PartiesCell, StateTag } from './caseDisplay';
import { hrefOfView } from './mediationRoute';

function matches(doc: MediationCaseDoc, needle: string): boolean {
  if (!needle) return true;
  const haystack = [doc.number, doc.summary, doc.agreement?.number ?? '', ...doc.parties.map((p) => p.name)].join(' ');
  return haystack.includes(needle);
}

export function CaseList() {
  const { t } = useTranslation(['mediation', 'app']);
  const db = useDatabase();
  const { station } = useSession();
  const names = useNames();
  const [state, setState] = useState('');
  const [type, setType] = useState('');
  const [search, setSearch] = useState('');
  const selectorKey = JSON.stringify({ ...(state ? { state } : {}), ...(type ? { disputeType: type } : {}) });
  const docs$ = useMemo(
    () => db.cases.find({ selector: JSON.parse(selectorKey) as MangoQuerySelector<MediationCaseDoc>, sort: [{ acceptedAt: 'desc' }] }).$,
    [db, selectorKey],
  );
  const docs = useLive(docs$);
  const all = useMemo(() => docs?.map((d) => d.toJSON() as MediationCaseDoc), [docs]);
  const filtered = useMemo(() => all?.filter((doc) => matches(doc, search.trim())), [all, search]);
  const duplicates = useMemo(() => duplicateNumbers(all ?? []), [all]);

  const columns: Column<MediationCaseDoc>[] = [
    {
      key: 'number',
      header: t('app:mediation.number'),
      cell: (r) => (
        <>
          <a className="mono" href={hrefOfView({ view: 'case', key: keyOfId(r.id) })}>{r.number}</a>
          {duplicates.has(r.number) ? <> <Tag tone="danger">{t('list.duplicateNumber')}</Tag></> : null}
        </>
      ),
    },
    { key: 'parties', header: t('list.parties'), cell: (r) => <PartiesCell parties={r.parties} /> },
    // A town's list holds its villages' cases too: say whose each one is.
    ...((all ?? []).some((r) => r.ownerCode !== station.stationCode)
      ? [{ key: 'owner', header: t('list.owner'), cell: (r: MediationCaseDoc) => <span title={r.ownerCode}>{names.unit(r.ownerCode)}</span> }]
      : []),
    { key: 'disputeType', header: t('app:mediation.disputeType'), cell: (r) => r.disputeType },
    { key: 'summary', header: t('app:mediation.summary'), cell: (r) => <span className="med-clamp" title={r.summary}>{r.summary}</span>, grow: true },
    { key: 'state', header: t('app:mediation.state'), cell: (r) => <StateTag state={r.state} /> },
    { key: 'deadline', header: t('list.deadline'), cell: (r) => <ClockTag doc={r} /> },
    { key: 'acceptedAt', header: t('app:mediation.acceptedAt'), cell: (r) => formatDate(r.acceptedAt) },
  ];

  return (
    <>
      <div className="med-toolbar" role="search">
        <input type="search" aria-label={t('list.search')} placeholder={t('list.search')} value={search} onChange={(e) => setSearch(e.target.value)} />
        <select aria-label={t('app:mediation.state')} value={state} onChange={(e) => setState(e.target.value)}>
          <option value="">{t('list.allStates')}</option>
          {CASE_STATES.map((s) => <option key={s} value={s}>{t(`app:mediation.states.${s}`)}</option>)}
        </select>
        <select aria-label={t('app:mediation.disputeType')} value={type} onChange={(e) => setType(e.target.value)}>
          <option value="">{t('list.allTypes')}</option>
          {DISPUTE_TYPES.map((d) => <option key={d} value={d}>{d}</option>)}
        </select>
        <a className="med-button med-button--primary" href={hrefOfView({ view: 'new' })}>{t('register.open')}</a>
      </div>
      <ListBody rows={filtered?.slice(0, LIST_LIMIT)} total={filtered?.length} columns={columns} rowKey={(r) => r.id} label={t('app:nav.mediation')} />
    </>
  );
}
