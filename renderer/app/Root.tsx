/** What the window shows at each step of startup, then the app itself. */
import { useTranslation } from 'react-i18next';
import { SessionProvider } from '../data/session';
import { Brand } from '../ui/Brand';
import { AppShell } from './AppShell';
import { currentHost } from './host';
import { PersonGate } from './PersonGate';
import { SetupForm } from './SetupForm';
import type { NavBadges, Screens } from './routes';
import type { StartupState } from './startStation';
import { UnlockForm } from './UnlockForm';
import './startup.css';

export function Root({ state, screens, badges }: { state: StartupState; screens: Screens; badges?: NavBadges }) {
  if (state.phase === 'ready') {
    return (
      <SessionProvider session={state.session}>
        {state.session.demo ? (
          <AppShell screens={screens} badges={badges} />
        ) : (
          <PersonGate host={currentHost()}>
            <AppShell screens={screens} badges={badges} />
          </PersonGate>
        )}
      </SessionProvider>
    );
  }
  return <StartupScreen state={state} />;
}

function StartupScreen({ state }: { state: Exclude<StartupState, { phase: 'ready' }> }) {
  const { t } = useTranslation('app');
  return (
    <div className="startup">
      <div className="startup__card" role={state.phase === 'failed' ? 'alert' : state.phase === 'opening' || state.phase === 'seedingDemo' ? 'status' : undefined}>
        <Brand large />
        {state.phase === 'opening' ? <p className="startup__progress">{t('startup.opening')}</p> : null}
        {state.phase === 'seedingDemo' ? <p className="startup__progress">{t('startup.seedingDemo')}</p> : null}
        {state.phase === 'setup' ? <SetupForm key="setup" state={state} /> : null}
        {state.phase === 'unlock' ? <UnlockForm key="unlock" state={state} /> : null}
        {state.phase === 'failed' ? (
          <>
            <h1 className="startup__title">{t('startup.failed')}</h1>
            <p>{t('startup.failedHint')}</p>
            <p className="startup__hint">{t('startup.detail', { message: state.message })}</p>
          </>
        ) : null}
      </div>
    </div>
  );
}
