/**
 * The open station: its config, its local database and how the app is hosted. Screens read it
 * through these hooks instead of receiving it through every layer of props.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { GridlinkDatabase } from '../../sync/database';
import type { Platform, StationConfig } from '../platform';

export interface StationSession {
  station: StationConfig;
  db: GridlinkDatabase;
  platform: Platform['kind'];
  /** True when the local database holds the generated demo district, not real data. */
  demo: boolean;
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
