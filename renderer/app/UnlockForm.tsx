/**
 * The password for this session, when the host could not keep it (a browser reload, a desktop
 * without a safe keyring). A server that does not answer does not block the clerk: the password
 * is taken unchecked and the local data opens (the sync says so if it is refused later).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SetupResult } from '../platform';
import type { StartupState } from './startStation';
import { serverReasonText } from '../../core/serverReason';

type UnlockState = Extract<StartupState, { phase: 'unlock' }>;

export function UnlockForm({ state }: { state: UnlockState }) {
  const { t } = useTranslation('syncUi');
  const { station } = state;
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Extract<SetupResult, { ok: false }> | null>(null);
  const [missing, setMissing] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setMissing(password === '');
    if (password === '') return;
    setBusy(true);
    setRefusal(null);
    try {
      const result = await state.submit(password);
      if (!result.ok) setRefusal(result);
    } catch (error) {
      setRefusal({ ok: false, reason: 'unreachable', message: serverReasonText(error instanceof Error ? error.message : String(error)) });
    } finally {
      setBusy(false);
    }
  };

  const name = station.stationName && station.stationName !== station.stationCode ? `${station.stationName}（${station.stationCode}）` : station.stationCode;
  return (
    <form className="setup-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="unlock-title">
      <h1 id="unlock-title" className="startup__title">{t('unlock.title')}</h1>
      <p className="setup-form__body">{t('unlock.body', { station: name, user: station.username })}</p>
      {refusal ? (
        <p className="startup__problem" role="alert" data-reason={refusal.reason}>
          {refusal.message}
        </p>
      ) : null}
      <label className="setup-field">
        <span className="setup-field__label">{t('setup.password')}</span>
        {/* The user name travels with the form so password managers pair them. */}
        <input type="text" name="username" autoComplete="username" value={station.username} readOnly hidden />
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          autoFocus
          value={password}
          aria-invalid={missing ? true : undefined}
          disabled={busy}
          onChange={(event) => setPassword(event.target.value)}
        />
        {missing ? <span className="setup-field__error">{t('setup.required', { field: t('setup.password') })}</span> : null}
      </label>
      <div className="setup-form__actions">
        <button type="button" className="action-button action-button--quiet startup-button startup-button--quiet" disabled={busy} onClick={state.setupAgain}>
          {t('unlock.setupAgain')}
        </button>
        <button type="submit" className="action-button action-button--primary startup-button" disabled={busy}>
          {busy ? t('unlock.checking') : t('unlock.submit')}
        </button>
      </div>
      <p className="startup__hint">{state.platform === 'web' ? t('unlock.webNote') : t('unlock.desktopNote')}</p>
    </form>
  );
}
