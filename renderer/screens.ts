/** The screen of each route: the one place that joins the shell (app/) and the features. */
import type { NavBadges, Screens } from './app/routes';
import { WorkOrdersScreen } from './features/workorders/WorkOrdersScreen';
import { NewEscalationsBadge } from './features/workorders/NewEscalationsBadge';
import { MediationScreen } from './features/mediation/MediationScreen';
import { GridsScreen } from './features/grids/GridsScreen';
import { StaffScreen } from './features/staff/StaffScreen';
import { ComponentsScreen } from './features/components/ComponentsScreen';
import { StatsScreen } from './features/stats/StatsScreen';
import { SyncScreen } from './features/sync/SyncScreen';

export const SCREENS: Screens = {
  workorders: WorkOrdersScreen,
  mediation: MediationScreen,
  grids: GridsScreen,
  staff: StaffScreen,
  components: ComponentsScreen,
  stats: StatsScreen,
  sync: SyncScreen,
};

export const NAV_BADGES: NavBadges = {
  workorders: NewEscalationsBadge,
};
