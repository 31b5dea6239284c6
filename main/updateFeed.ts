/** Where the updater looks for new versions, from the station's configuration. */
import type { StationConfig, StationCredentials } from '../ipc/contract';
import { basicAuthHeader } from '../sync/couchClient';
import type { UpdateFeed } from './updateService';

/** null until the station is configured; the login goes along only to the district's own server. */
export function updateFeedOf(config: StationConfig | null, credentials: StationCredentials | null): UpdateFeed | null {
  const sameServer = config !== null && new URL(config.updateUrl).origin === new URL(config.districtUrl).origin;
  return config === null
    ? null
    : {
        url: config.updateUrl,
        channel: config.updateChannel,
        ...(sameServer && credentials ? { authorization: basicAuthHeader(credentials) } : {}),
      };
}
