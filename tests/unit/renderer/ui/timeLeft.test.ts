import { describe, expect, it } from 'vitest';
import { timeLeftText } from '../../../../renderer/ui/timeLeft';

describe('time left of an initial sync', () => {
  it('is said in whole minutes, and in hours and minutes past the hour', () => {
    expect(timeLeftText(null)).toBe('正在估算剩余时间');
    expect(timeLeftText(45_000)).toBe('剩余不到 1 分钟');
    expect(timeLeftText(150_000)).toBe('剩余约 3 分钟');
    expect(timeLeftText(95 * 60_000)).toBe('剩余约 1 小时 35 分钟');
  });
});
