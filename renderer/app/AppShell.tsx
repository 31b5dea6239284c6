/** The frame around every screen: header (app, station, sync status), navigation, content. */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../data/session';
import { useFirstSync } from '../data/firstSync';
import { AboutButton } from '../features/about/AboutButton';
import { GlobalSearch } from '../features/search/GlobalSearch';
import type { Platform } from '../platform';
import { Icon } from '../ui/icons';
import { Brand } from '../ui/Brand';
import { logSyncErrors } from './errorLog';
import { currentHost } from './host';
import { PersonMenu } from './PersonGate';
import { hrefOf, ROUTE_IDS, type NavBadges, type Screens } from './routes';
import { SyncIndicator } from './SyncIndicator';
import { useHashRoute } from './useHashRoute';
import { useStationName } from './useStationName';
import { ScreenErrorBoundary } from './ScreenErrorBoundary';

export function AppShell({ screens, badges = {}, syncIndicator, host = currentHost() }: { screens: Screens; badges?: NavBadges; syncIndicator?: ReactNode; host?: Platform | null }) {
  const { t } = useTranslation('app');
  const { station, demo, notice, sync } = useSession();
  const stationName = useStationName();
  const firstSync = useFirstSync();
  const [dismissed, setDismissed] = useState<string | null>(null);
  const route = useHashRoute();
  const Screen = screens[route];
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => {
    document.title = `${t(`nav.${route}`)} · ${t('name')}`;
  }, [route, t]);

  // The sync's errors reach the log file IT reads (a re-login brings a new sync: follow it).
  useEffect(() => (sync && host ? logSyncErrors(sync.status$, (entry) => host.writeLog(entry)) : undefined), [sync, host]);

  return (
    <div className="shell">
      <header className="shell__header">
        <Brand />
        <div className="station" aria-label={t('header.station')}>
          {station.districtName ? <span className="station__district">{station.districtName}</span> : null}
          {/* The name may come down with the station's grid: until then say so while the first
              sync runs, and show the code once, not twice. */}
          {stationName !== station.stationCode ? <span className="station__name">{stationName}</span>
          : firstSync ? <span className="station__name station__name--pending">{t('header.naming')}</span>
          : null}
          <span className="station__code">{station.stationCode}</span>
          {demo ? <span className="station__demo">{t('header.demo')}</span> : null}
        </div>
        <div className="shell__status">{syncIndicator ?? <SyncIndicator />}</div>
        <PersonMenu />
        <GlobalSearch />
        {host ? <AboutButton host={host} /> : null}
      </header>
      <nav className="shell__nav" aria-label={t('nav.label')}>
        <ul>
          {ROUTE_IDS.map((id) => {
            const Badge = badges[id];
            return (
            <li key={id}>
              <a
                className="nav-item"
                href={hrefOf(id)}
                aria-current={id === route ? 'page' : undefined}
                onClick={() => mainRef.current?.scrollTo({ top: 0 })}
              >
                <Icon name={id} />
                <span>{t(`nav.${id}`)}</span>
                {Badge ? <Badge /> : null}
              </a>
            </li>
            );
          })}
        </ul>
      </nav>
      <main className="shell__main" ref={mainRef}>
        {notice && notice !== dismissed ? (
          <p className="shell-notice" role="status">
            {notice}
            <button type="button" onClick={() => setDismissed(notice)}>{t('syncUi:indicator.dismiss')}</button>
          </p>
        ) : null}
        <ScreenErrorBoundary key={route}>
          <Screen />
        </ScreenErrorBoundary>
      </main>
    </div>
  );
}
