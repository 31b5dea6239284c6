/** The frame around every screen: header (app, station, sync status), navigation, content. */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../data/session';
import { Icon } from '../ui/icons';
import { hrefOf, ROUTE_IDS, type Screens } from './routes';
import { SyncIndicator } from './SyncIndicator';
import { useHashRoute } from './useHashRoute';
import { useStationName } from './useStationName';

export function AppShell({ screens, syncIndicator }: { screens: Screens; syncIndicator?: ReactNode }) {
  const { t } = useTranslation('app');
  const { station, demo, notice } = useSession();
  const stationName = useStationName();
  const [dismissed, setDismissed] = useState<string | null>(null);
  const route = useHashRoute();
  const Screen = screens[route];
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => {
    document.title = `${t(`nav.${route}`)} · ${t('name')}`;
  }, [route, t]);

  return (
    <div className="shell">
      <header className="shell__header">
        <div className="brand">
          <span className="brand__mark"><Icon name="brand" size={26} /></span>
          <span className="brand__name">{t('name')}</span>
        </div>
        <div className="station" aria-label={t('header.station')}>
          {station.districtName ? <span className="station__district">{station.districtName}</span> : null}
          <span className="station__name">{stationName}</span>
          <span className="station__code">{station.stationCode}</span>
          {demo ? <span className="station__demo">{t('header.demo')}</span> : null}
        </div>
        <div className="shell__status">{syncIndicator ?? <SyncIndicator />}</div>
      </header>
      <nav className="shell__nav" aria-label={t('nav.label')}>
        <ul>
          {ROUTE_IDS.map((id) => (
            <li key={id}>
              <a
                className="nav-item"
                href={hrefOf(id)}
                aria-current={id === route ? 'page' : undefined}
                onClick={() => mainRef.current?.scrollTo({ top: 0 })}
              >
                <Icon name={id} />
                <span>{t(`nav.${id}`)}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="shell__main" ref={mainRef}>
        {notice && notice !== dismissed ? (
          <p className="shell-notice" role="status">
            {notice}
            <button type="button" onClick={() => setDismissed(notice)}>{t('syncUi:indicator.dismiss')}</button>
          </p>
        ) : null}
        <Screen />
      </main>
    </div>
  );
}
