/**
 * 重新登录: the server refused the station's password (changed by IT, or mistyped while
 * offline). The new one is checked and saved like a setup, then the sync restarts with it.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../data/session';

export function ReloginDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('syncUi');
  const { relogin, station } = useSession();
  const dialog = useRef<HTMLDialogElement>(null);
  const passwordField = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      // The account is fixed: the clerk's next keystroke belongs in the password.
      passwordField.current?.focus();
    }
    if (!open && element.open) element.close();
  }, [open]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (password === '') {
      setProblem(t('setup.required', { field: t('setup.password') }));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const result = await relogin(password);
      if (!result.ok) setProblem(result.message);
      else {
        setPassword('');
        onClose();
      }
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} className="relogin" aria-labelledby="relogin-title" onClose={onClose}>
      <form className="setup-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <h2 id="relogin-title" className="startup__title">{t('relogin.title')}</h2>
        <p className="setup-form__body">{t('relogin.body')}</p>
        {problem ? <p className="startup__problem" role="alert">{problem}</p> : null}
        <label className="setup-field">
          <span className="setup-field__label">{t('setup.username')}</span>
          <input name="username" autoComplete="username" value={station.username} readOnly tabIndex={-1} />
        </label>
        <label className="setup-field">
          <span className="setup-field__label">{t('setup.password')}</span>
          <input ref={passwordField} name="password" type="password" autoComplete="current-password" value={password} disabled={busy} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <div className="setup-form__actions">
          <button type="button" className="action-button startup-button" disabled={busy} onClick={onClose}>{t('relogin.cancel')}</button>
          <button type="submit" className="action-button action-button--primary startup-button" disabled={busy}>
            {busy ? t('unlock.checking') : t('relogin.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
