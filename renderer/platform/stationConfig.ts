/**
 * Checks a station config wherever it comes from (URL, browser storage, the preload bridge), so a
 * mistyped code is refused with a message a clerk can act on instead of opening a wrong database.
 */
import { z } from 'zod';
import { t } from '../../core/i18n';
import { isUnitCode } from '../../core/org';

export { isUnitCode };
import type { StationConfig } from './types';

export class StationConfigError extends Error {
  override readonly name = 'StationConfigError';
}

const stationConfigSchema = z.object({
  districtUrl: z.string().max(500),
  stationCode: z.string(),
  stationName: z.string().max(200),
  username: z.string().max(200),
  districtName: z.string().max(200).optional(),
});

/** A valid config, or a StationConfigError naming what is wrong (in the user's language). */
export function parseStationConfig(value: unknown): StationConfig {
  const parsed = stationConfigSchema.safeParse(value);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => issue.path.join('.') || issue.message).join('、');
    throw new StationConfigError(t('app:setup.badConfig', { detail }));
  }
  if (!isUnitCode(parsed.data.stationCode)) {
    throw new StationConfigError(t('app:setup.badStationCode', { code: parsed.data.stationCode }));
  }
  return parsed.data;
}
