import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { i18n } from '../core/i18n';
import { Root } from './app/Root';
import { NAV_BADGES, SCREENS } from './screens';
import { startStation, type StartupState } from './app/startStation';
import './ui/app.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);

function show(state: StartupState): void {
  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <Root state={state} screens={SCREENS} badges={NAV_BADGES} />
      </I18nextProvider>
    </StrictMode>,
  );
}

void startStation(show);
