/**
 * `release stage <pct>`: widens (or stops) a staged rollout by rewriting `stagingPercentage`
 * in the channel's feeds. Each station compares the percentage with its own random id, so
 * raising 10 → 50 keeps the first 10% and adds more; 0 stops new downloads.
 */
import { t } from '../../core/i18n';
import type { FeedTarget } from './feedTarget';
import { FEED_PLATFORMS, ReleaseError, feedFileName, parseFeed, serializeFeed, type ReleaseChannel } from './updateFeed';

export interface StageOptions {
  target: FeedTarget;
  channel: ReleaseChannel;
  percentage: number;
}

export async function stageRelease(options: StageOptions): Promise<string[]> {
  const { target, channel, percentage } = options;
  const changed: string[] = [];
  for (const platform of FEED_PLATFORMS) {
    const name = feedFileName(channel, platform);
    const text = await target.readText(name);
    if (text === null) continue;
    const feed = parseFeed(text);
    await target.writeText(name, serializeFeed({ ...feed, stagingPercentage: percentage }));
    changed.push(name);
    if (channel === 'stable') {
      // A stable release mirrored into the beta feed follows the same rollout.
      const betaName = feedFileName('beta', platform);
      const betaText = await target.readText(betaName);
      if (betaText !== null && parseFeed(betaText).version === feed.version) {
        await target.writeText(betaName, serializeFeed({ ...parseFeed(betaText), stagingPercentage: percentage }));
        changed.push(betaName);
      }
    }
  }
  if (changed.length === 0) throw new ReleaseError(t('shell:release.noFeed', { dir: target.location, channel }));
  return changed;
}
