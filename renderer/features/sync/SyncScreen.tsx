/**
 * 同步: which station this is, which district server it belongs to, and what the workstation
 * holds locally. The live sync status and its controls arrive with the sync engine.
 */
import { useTranslation } from 'react-i18next';
import type { CollectionName } from '../../../sync/schema';
import { useDatabase, useSession } from '../../data/session';
import { useLiveCount } from '../../data/useLiveCount';
import { Screen } from '../../ui/Screen';

const number = new Intl.NumberFormat('zh-CN');
const SHOWN: CollectionName[] = ['tickets', 'events', 'cases', 'grids', 'staff', 'components', 'catalog', 'departments', 'photos', 'quarantine'];

export function SyncScreen() {
  const { t } = useTranslation('app');
  const { station, platform } = useSession();
  const notSet = t('list.notSet');
  const config: [string, string][] = [
    [t('syncScreen.districtName'), station.districtName || notSet],
    [t('syncScreen.stationName'), station.stationName || notSet],
    [t('syncScreen.stationCode'), station.stationCode],
    [t('syncScreen.districtUrl'), station.districtUrl || notSet],
    [t('syncScreen.username'), station.username || notSet],
    [t('syncScreen.platform'), t(`syncScreen.platforms.${platform}`)],
  ];
  return (
    <Screen title={t('nav.sync')} purpose={t('purpose.sync')}>
      <div className="two-col">
        <section className="panel panel--padded" aria-labelledby="sync-config">
          <h2 id="sync-config" className="panel__title">{t('syncScreen.configTitle')}</h2>
          <dl className="facts">
            {config.map(([label, value]) => (
              <div key={label} className="facts__row">
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section className="panel panel--padded" aria-labelledby="sync-local">
          <h2 id="sync-local" className="panel__title">{t('syncScreen.localTitle')}</h2>
          <dl className="facts">
            {SHOWN.map((name) => (
              <CollectionCount key={name} name={name} />
            ))}
          </dl>
        </section>
      </div>
    </Screen>
  );
}

function CollectionCount({ name }: { name: CollectionName }) {
  const { t } = useTranslation('app');
  const db = useDatabase();
  const count = useLiveCount(db[name] as (typeof db)['grids']);
  return (
    <div className="facts__row">
      <dt>{t(`syncScreen.collections.${name}`)}</dt>
      <dd className="is-num">{count === undefined ? '…' : number.format(count)}</dd>
    </div>
  );
}
