/**
 * Who is at the workstation. Once the station is open and its roster names personal accounts
 * (staff `account`, set by `district people`), the app asks who you are and your password before
 * anything else, and after the district's `idleLockMinutes` without input it locks: that person's
 * password, or another person signing in, opens it again. Sync runs throughout under the
 * station's login; only the person changes. The password goes to the host (platform
 * `signInPerson`) and is dropped from this component's state at once, whatever the answer.
 */
import { useCallback, useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createIdleTimer, type PersonSignInResult } from '../../core/personSignIn';
import { effectiveSettings } from '../../core/settings';
import type { SettingDoc, StaffDoc } from '../../core/schema';
import { SessionProvider, useSession, type SignedInPerson, type StationSession } from '../data/session';
import { emitSessionEvent } from '../data/sessionEvents';
import { useAllDocs } from '../data/useAllDocs';
import { useNames } from '../data/names';
import type { Platform } from '../platform';
import { Brand } from '../ui/Brand';
import './personGate.css';

interface Person {
  account: string;
  name: string;
}

type GateState = { kind: 'out' } | { kind: 'in'; person: Person } | { kind: 'locked'; person: Person; switching: boolean };

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

export function PersonGate({ host, children }: { host: Platform | null; children: ReactNode }) {
  const session = useSession();
  const { db, station } = session;
  const staff = useAllDocs<StaffDoc>(db.staff, 'id');
  const settingDocs = useAllDocs<SettingDoc>(db.settings, 'id');
  const people = useMemo(
    () => (staff ?? []).filter((s) => s.ownerCode === station.stationCode && typeof s.account === 'string' && s.account !== '').map((s) => ({ account: s.account as string, name: s.name })),
    [staff, station.stationCode],
  );
  const idleMinutes = effectiveSettings(station.stationCode, settingDocs ?? []).idleLockMinutes ?? 0;
  const [state, setState] = useState<GateState>({ kind: 'out' });
  const current = state.kind === 'out' ? null : state.person;

  const signOut = useCallback(() => {
    if (current) emitSessionEvent({ kind: 'signOut', person: current.account, unit: station.stationCode });
    setState({ kind: 'out' });
  }, [current, station.stationCode]);
  const lock = useCallback(() => {
    if (!current) return;
    emitSessionEvent({ kind: 'lock', person: current.account, unit: station.stationCode });
    setState({ kind: 'locked', person: current, switching: false });
  }, [current, station.stationCode]);
  const switchPerson = useCallback(() => {
    if (current) setState({ kind: 'locked', person: current, switching: true });
  }, [current]);

  // The idle lock: only while someone is signed in and the district sets a time.
  useEffect(() => {
    if (state.kind !== 'in' || idleMinutes <= 0) return undefined;
    const timer = createIdleTimer(idleMinutes, lock);
    let last = 0;
    const touch = () => {
      const now = Date.now();
      if (now - last < 1000) return;
      last = now;
      timer.touch();
    };
    for (const type of ACTIVITY) window.addEventListener(type, touch, { passive: true, capture: true });
    return () => {
      timer.stop();
      for (const type of ACTIVITY) window.removeEventListener(type, touch, { capture: true });
    };
  }, [state.kind, idleMinutes, lock]);

  const signedIn = state.kind === 'in' ? state.person : null;
  const personSession = useMemo<StationSession | null>(() => {
    if (!signedIn) return null;
    const person: SignedInPerson = { account: signedIn.account, name: signedIn.name, signOut, switchPerson, lock };
    return { ...session, actor: { ...session.actor, person: signedIn.account }, person };
  }, [session, signedIn, signOut, switchPerson, lock]);

  // Before the roster is read, and where the station has no personal accounts: as before.
  if (staff === undefined) return null;
  if (people.length === 0 && state.kind === 'out') return <>{children}</>;
  if (personSession) return <SessionProvider session={personSession}>{children}</SessionProvider>;

  const nameOf = (account: string) => people.find((p) => p.account === account)?.name ?? account;
  const onSignedIn = (account: string, how: 'signIn' | 'unlock', checked: string) => {
    emitSessionEvent({ kind: how, person: account, unit: station.stationCode, detail: checked });
    setState({ kind: 'in', person: { account, name: nameOf(account) } });
  };
  const check = async (account: string, password: string): Promise<PersonSignInResult> => {
    if (!host) return { ok: false, person: account, reason: 'neverOnline' };
    const result = await host.signInPerson(station, account, password);
    if (!result.ok) emitSessionEvent({ kind: 'signInFailed', person: account, unit: station.stationCode, detail: result.reason });
    return result;
  };

  if (state.kind === 'locked' && !state.switching) {
    return (
      <PersonForm
        key={`unlock-${state.person.account}`}
        mode="unlock"
        people={people}
        fixed={state.person}
        check={check}
        onOk={(account, checked) => onSignedIn(account, 'unlock', checked)}
        onOther={() => setState({ ...state, switching: true })}
      />
    );
  }
  return (
    <PersonForm
      key="signIn"
      mode={state.kind === 'locked' ? 'switch' : 'signIn'}
      people={people}
      check={check}
      onOk={(account, checked) => {
        // Another person signing in ends the locked person's session.
        if (state.kind === 'locked' && state.person.account !== account) emitSessionEvent({ kind: 'signOut', person: state.person.account, unit: station.stationCode });
        onSignedIn(account, 'signIn', checked);
      }}
      onOther={state.kind === 'locked' ? () => setState({ ...state, switching: false }) : undefined}
    />
  );
}

function PersonForm(props: {
  mode: 'signIn' | 'unlock' | 'switch';
  people: Person[];
  fixed?: Person;
  check(account: string, password: string): Promise<PersonSignInResult>;
  onOk(account: string, checked: string): void;
  onOther?: () => void;
}) {
  const { t } = useTranslation('app');
  const { station } = useSession();
  const names = useNames();
  const [account, setAccount] = useState(props.fixed?.account ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ reason: string; text: string } | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const who = account.trim();
    if (!who || !password) {
      setProblem({ reason: 'missing', text: t('people.missing') });
      return;
    }
    setBusy(true);
    setProblem(null);
    const secret = password;
    // Dropped from the form's state before the answer: nothing in the page keeps it.
    setPassword('');
    try {
      const result = await props.check(who, secret);
      if (result.ok) props.onOk(who, result.checked);
      else setProblem({ reason: result.reason, text: refusalText(t, result) });
    } catch (error) {
      setProblem({ reason: 'failed', text: t('people.failed', { message: error instanceof Error ? error.message : String(error) }) });
    } finally {
      setBusy(false);
    }
  };

  const title = props.mode === 'unlock' ? t('people.lockedTitle') : props.mode === 'switch' ? t('people.switchTitle') : t('people.signInTitle');
  const stationName = names.unit(station.stationCode);
  return (
    <div className="startup person-gate">
      <div className="startup__card">
        <Brand large />
        <form className="setup-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="person-title">
          <h1 id="person-title" className="startup__title">{title}</h1>
          <p className="setup-form__body">
            {props.fixed ? t('people.lockedBody', { name: props.fixed.name, station: stationName }) : t('people.signInBody', { station: stationName })}
          </p>
          {problem ? <p className="startup__problem" role="alert" data-reason={problem.reason}>{problem.text}</p> : null}
          {props.fixed ? (
            <input type="text" name="username" autoComplete="username" value={props.fixed.account} readOnly hidden />
          ) : (
            <>
              {props.people.length > 0 ? (
                <fieldset className="person-gate__people">
                  <legend className="setup-field__label">{t('people.pick')}</legend>
                  {props.people.map((p) => (
                    <button key={p.account} type="button" className={`person-gate__person${p.account === account ? ' person-gate__person--chosen' : ''}`} aria-pressed={p.account === account} disabled={busy} onClick={() => setAccount(p.account)}>
                      <span className="person-gate__name">{p.name}</span>
                      <span className="person-gate__account">{p.account}</span>
                    </button>
                  ))}
                </fieldset>
              ) : null}
              <label className="setup-field">
                <span className="setup-field__label">{t('people.account')}</span>
                <input name="person" type="text" autoComplete="username" spellCheck={false} value={account} disabled={busy} onChange={(event) => setAccount(event.target.value)} />
              </label>
            </>
          )}
          <label className="setup-field">
            <span className="setup-field__label">{t('people.password')}</span>
            <input name="personPassword" type="password" autoComplete="current-password" autoFocus value={password} disabled={busy} onChange={(event) => setPassword(event.target.value)} />
          </label>
          <div className="setup-form__actions">
            {props.onOther ? (
              <button type="button" className="action-button action-button--quiet startup-button startup-button--quiet" disabled={busy} onClick={props.onOther}>
                {props.mode === 'unlock' ? t('people.otherPerson') : t('people.backToLocked')}
              </button>
            ) : null}
            <button type="submit" className="action-button action-button--primary startup-button" disabled={busy}>
              {busy ? t('people.checking') : props.mode === 'unlock' ? t('people.unlock') : t('people.signIn')}
            </button>
          </div>
          <p className="startup__hint">{t('people.hint')}</p>
        </form>
      </div>
    </div>
  );
}

function refusalText(t: (key: string, options?: Record<string, unknown>) => string, result: Extract<PersonSignInResult, { ok: false }>): string {
  if (result.reason === 'locked' && result.lockedUntil) {
    const until = new Date(result.lockedUntil);
    return t('people.refused.locked', { time: `${String(until.getHours()).padStart(2, '0')}:${String(until.getMinutes()).padStart(2, '0')}` });
  }
  if (result.reason === 'wrong') return t('people.refused.wrong', { left: result.failuresLeft ?? 0 });
  return t(`people.refused.${result.reason}`);
}

/** The header's person menu: who is signed in, switch person, lock, sign out. */
export function PersonMenu() {
  const { t } = useTranslation('app');
  const { person } = useSession();
  const [open, setOpen] = useState(false);
  if (!person) return null;
  return (
    <div className="person-menu">
      <button type="button" className="person-menu__button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} title={person.account}>
        <span className="person-menu__label">{t('people.current')}</span>
        <span className="person-menu__name">{person.name}</span>
      </button>
      {open ? (
        <div className="person-menu__list" role="menu">
          <button type="button" role="menuitem" onClick={() => { setOpen(false); person.switchPerson(); }}>{t('people.switch')}</button>
          <button type="button" role="menuitem" onClick={() => { setOpen(false); person.lock(); }}>{t('people.lock')}</button>
          <button type="button" role="menuitem" onClick={() => { setOpen(false); person.signOut(); }}>{t('people.signOut')}</button>
        </div>
      ) : null}
    </div>
  );
}
