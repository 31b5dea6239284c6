/**
 * The open station: its config, its local database, its sync with the district, who acts here,
 * its photos and how the app is hosted. Screens read it through these hooks instead of receiving
 * it through every layer of props.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Actor } from '../../core/actor';
import type { PhotoStore } from '../../core/photos/photoStore';
import type { GridlinkDatabase } from '../../sync/database';
import { INITIAL_STATUS } from '../../sync/status';
import type { StationSync, SyncStatus } from '../../sync';
import type { Platform, SetupResult, StationConfig } from '../platform';
import { recallLastSync } from './lastSync';
import { useLive } from './useLive';

export interface StationSession {
  station: StationConfig;
  db: GridlinkDatabase;
  platform: Platform['kind'];
  /** True when the local database holds the generated demo district, not real data. */
  demo: boolean;
  /**
   * The sync with the station's database on the district server; null in demo mode. It is
   * replaced (a new object) after the clerk logs in again, so read it from the session each time.
   */
  sync: StationSync | null;
  /** Who acts at this station: its unit, and the clerk's sign-in name. */
  actor: Actor;
  /** Photos: local, and fetched from the server on first view where a sync runs. */
  photos: PhotoStore;
  /** Log in again with a new password (checked and saved like a setup), then sync with it. */
  relogin(password: string): Promise<SetupResult>;
  /** Something the clerk should know about this session (e.g. the password was not checked). */
  notice?: string;
  /**
   * The person signed in at the workstation (renderer/app/PersonGate.tsx), also in `actor.person`;
   * absent where the station has no personal accounts yet, and in demo mode.
   */
  person?: SignedInPerson;
}

/** Who is signed in: the personal account, and the name on the staff roster. */
export interface SignedInPerson {
  account: string;
  name: string;
  /** 退出登录, 切换人员, 锁定: the header's person menu. */
  signOut(): void;
  switchPerson(): void;
  lock(): void;
}

/** The signed-in person, or null (no personal accounts at this station, demo mode). */
export function usePerson(): SignedInPerson | null {
  return useSession().person ?? null;
}

const SessionContext = createContext<StationSession | null>(null);

export function SessionProvider({ session, children }: { session: StationSession; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): StationSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside <SessionProvider>: the station is not open yet');
  return session;
}

export function useDatabase(): GridlinkDatabase {
  return useSession().db;
}

export function useActor(): Actor {
  return useSession().actor;
}

export function usePhotos(): PhotoStore {
  return useSession().photos;
}

/** Who acts at a station: the unit, and the clerk's sign-in name (the station's name or code without one). */
export function actorOf(station: Pick<StationConfig, 'stationCode' | 'username' | 'stationName'>): Actor {
  return { unit: station.stationCode, name: station.username || station.stationName || station.stationCode };
}

/** The station's sync, or null in demo mode. */
export function useStationSync(): StationSync | null {
  return useSession().sync;
}

/** The live sync status (null in demo mode, where nothing syncs). */
export function useSyncStatus(): SyncStatus | null {
  const { sync, station } = useSession();
  const status = useLive(useMemo(() => sync?.status$ ?? null, [sync]));
  if (!sync) return null;
  const current = status ?? sync.status ?? INITIAL_STATUS;
  // Before this session's first answer from the server: the last one of an earlier session.
  return current.lastSyncAt ? current : { ...current, lastSyncAt: recallLastSync(station.stationCode) };
}
