/**
 * How far this machine's clock is from the district server's, from the `Date` header of one
 * answer (RFC 7231, whole seconds): server time minus local time at the middle of the request.
 * A village PC with a wrong clock stamps wrong times on every step, and the server's rules
 * refuse steps too far from its own clock; district IT sees the offset in the heartbeat.
 *
 * null when the server did not answer or its `Date` cannot be read (a browser page reading
 * another origin sees the header only if the server exposes it; the desktop app asks from main).
 */
export async function measureClockOffset(serverUrl: string, fetchFn: typeof fetch = fetch, timeoutMs = 10_000): Promise<number | null> {
  const started = Date.now();
  let response: Response;
  try {
    response = await fetchFn(serverUrl, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    return null;
  }
  const ended = Date.now();
  const header = response.headers.get('date');
  const server = header === null ? NaN : Date.parse(header);
  if (Number.isNaN(server)) return null;
  // The header drops the milliseconds: its second is on average half over.
  return Math.round(server + 500 - (started + ended) / 2);
}
