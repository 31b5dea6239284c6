/**
 * First-run setup: the district server, the station code and its login, checked against the
 * server before anything is saved. Each refusal (unreachable, wrong password, wrong station)
 * keeps the form as typed and says what to do, in the clerk's words.
 *
 * Once this workstation is set up, naming another station or server asks in addition for the
 * current station's password or a district admin's login (sync/setupChange.ts): the fields
 * appear only while the form names a different station than the configured one.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isUnitCode, type SetupResult, type StationSetup } from '../platform';
import type { StartupState } from './startStation';
import { serverReasonText } from '../../core/serverReason';

type SetupState = Extract<StartupState, { phase: 'setup' }>;
type Field = 'districtUrl' | 'stationCode' | 'username' | 'password';
const FIELDS: Field[] = ['districtUrl', 'stationCode', 'username', 'password'];
type ChangeField = 'currentPassword' | 'adminUsername' | 'adminPassword';
const CHANGE_FIELDS: ChangeField[] = ['currentPassword', 'adminUsername', 'adminPassword'];

const serverOf = (url: string): string => url.trim().replace(/\/+$/, '');

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== '';
  } catch {
    return false;
  }
}

export function SetupForm({ state }: { state: SetupState }) {
  const { t } = useTranslation('syncUi');
  const { t: tApp } = useTranslation('app');
  const { defaults } = state;
  const [values, setValues] = useState<Record<Field, string>>({
    districtUrl: defaults.districtUrl ?? '',
    stationCode: defaults.stationCode ?? '',
    username: defaults.username ?? '',
    password: '',
  });
  const [change, setChange] = useState<Record<ChangeField, string>>({ currentPassword: '', adminUsername: '', adminPassword: '' });
  const [invalid, setInvalid] = useState<Partial<Record<Field | 'change', string>>>({});
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Extract<SetupResult, { ok: false }> | null>(null);
  const problemRef = useRef<HTMLParagraphElement>(null);
  // The form is taller than a laptop screen with the change fields: show the refusal, at its top.
  useEffect(() => {
    if (refusal) problemRef.current?.scrollIntoView({ block: 'nearest' });
  }, [refusal]);
  // A code that came with the address and cannot be right is named before the clerk types.
  const initialProblem =
    state.problem ?? (defaults.stationCode && !isUnitCode(defaults.stationCode) ? tApp('setup.badStationCode', { code: defaults.stationCode }) : undefined);

  const { configured } = state;
  const changing = configured !== undefined && (values.stationCode.trim() !== configured.stationCode || serverOf(values.districtUrl) !== serverOf(configured.districtUrl));
  const byAdmin = change.adminUsername.trim() !== '' && change.adminPassword !== '';

  const check = (): Partial<Record<Field | 'change', string>> => {
    const found: Partial<Record<Field | 'change', string>> = {};
    if (changing && change.currentPassword === '' && !byAdmin) found.change = t('setup.changeRequired');
    for (const field of FIELDS) if (values[field].trim() === '') found[field] = t('setup.required', { field: t(`setup.${field}`) });
    if (!found.districtUrl && !isHttpUrl(values.districtUrl.trim())) found.districtUrl = t('setup.badUrl');
    if (!found.stationCode && !isUnitCode(values.stationCode.trim())) found.stationCode = t('setup.badStationCode');
    return found;
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found = check();
    setInvalid(found);
    if (Object.keys(found).length > 0) return;
    const setup: StationSetup = {
      districtUrl: values.districtUrl.trim().replace(/\/+$/, ''),
      stationCode: values.stationCode.trim(),
      username: values.username.trim(),
      password: values.password,
      ...(defaults.stationName && defaults.stationCode === values.stationCode.trim() ? { stationName: defaults.stationName } : {}),
      ...(defaults.districtName ? { districtName: defaults.districtName } : {}),
      ...(changing && change.currentPassword !== '' ? { currentPassword: change.currentPassword } : {}),
      ...(changing && change.currentPassword === '' && byAdmin ? { admin: { username: change.adminUsername.trim(), password: change.adminPassword } } : {}),
    };
    setBusy(true);
    setRefusal(null);
    try {
      const result = await state.submit(setup);
      if (!result.ok) setRefusal(result);
    } catch (error) {
      setRefusal({ ok: false, reason: 'unreachable', message: serverReasonText(error instanceof Error ? error.message : String(error)) });
    } finally {
      setBusy(false);
    }
  };

  const problem = refusal?.message ?? initialProblem;
  return (
    <form className="setup-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="setup-title">
      <h1 id="setup-title" className="startup__title">{tApp('setup.title')}</h1>
      <p className="setup-form__body">{t('setup.body')}</p>
      {problem ? (
        <p ref={problemRef} className="startup__problem" role="alert" data-reason={refusal?.reason ?? 'config'}>
          {problem}
        </p>
      ) : null}
      {FIELDS.map((field) => (
        <label key={field} className="setup-field">
          <span className="setup-field__label">{t(`setup.${field}`)}</span>
          <input
            name={field}
            type={field === 'password' ? 'password' : field === 'districtUrl' ? 'url' : 'text'}
            inputMode={field === 'stationCode' ? 'numeric' : undefined}
            autoComplete={field === 'password' ? 'current-password' : field === 'username' ? 'username' : 'off'}
            spellCheck={false}
            value={values[field]}
            aria-invalid={invalid[field] ? true : undefined}
            aria-describedby={invalid[field] ? `setup-${field}-error` : undefined}
            disabled={busy}
            onChange={(event) => setValues({ ...values, [field]: event.target.value })}
          />
          {invalid[field] ? (
            <span id={`setup-${field}-error`} className="setup-field__error">{invalid[field]}</span>
          ) : field === 'districtUrl' || field === 'stationCode' ? (
            <span className="setup-field__hint">{t(`setup.${field}Hint`)}</span>
          ) : null}
        </label>
      ))}
      {changing ? (
        <fieldset className="setup-change" aria-describedby="setup-change-body">
          <legend className="setup-change__title">{t('setup.changeTitle')}</legend>
          <p id="setup-change-body" className="setup-change__body">
            {t('setup.changeBody', {
              station: configured.stationName && configured.stationName !== configured.stationCode ? `${configured.stationName}（${configured.stationCode}）` : configured.stationCode,
            })}
          </p>
          {CHANGE_FIELDS.map((field) => (
            <label key={field} className="setup-field">
              {field === 'adminUsername' ? <span className="setup-change__or">{t('setup.changeOr')}</span> : null}
              <span className="setup-field__label">{t(`setup.${field}`)}</span>
              <input
                name={field}
                type={field === 'adminUsername' ? 'text' : 'password'}
                autoComplete={field === 'adminUsername' ? 'off' : 'new-password'}
                spellCheck={false}
                value={change[field]}
                aria-invalid={invalid.change ? true : undefined}
                aria-describedby={invalid.change ? 'setup-change-error' : undefined}
                disabled={busy}
                onChange={(event) => setChange({ ...change, [field]: event.target.value })}
              />
            </label>
          ))}
          {invalid.change ? (
            <span id="setup-change-error" className="setup-field__error">{invalid.change}</span>
          ) : null}
        </fieldset>
      ) : null}
      <div className="setup-form__actions">
        <button type="submit" className="action-button action-button--primary startup-button" disabled={busy}>
          {busy ? t('setup.checking') : t('setup.submit')}
        </button>
      </div>
      {state.platform === 'web' ? <p className="startup__hint">{t('setup.webNote')}</p> : null}
    </form>
  );
}
