/**
 * A workstation of the randomized run as the orchestrator drives it: its own Chromium (its own
 * profile, so its own IndexedDB) with the harness page's desk, behind its own TCP proxy so its
 * network can be cut alone, and restartable: closed and opened again, or SIGKILLed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChromium, type ChromiumProcess } from '../syncHarness/harness';
import type { DeskDump, DeskOutcome, DeskSetup } from '../syncHarness/page/desk';
import { startTcpProxy, type TcpProxy } from '../tcpProxy';
import type { SyncStatus } from '../../../sync';

const RELOAD_MS = 120_000;

export class DeskProcess {
  private chromium: ChromiumProcess | null = null;
  online = true;
  restarts = 0;
  /** Times the page was found without its desk and the desk opened again (see openIfLost). */
  reopened = 0;

  private constructor(
    readonly name: string,
    private readonly setup: Omit<DeskSetup, 'serverUrl'>,
    private readonly site: string,
    private readonly proxy: TcpProxy,
    private readonly profile: string,
  ) {}

  get unit(): string {
    return this.setup.actor.unit;
  }

  static async start(name: string, setup: Omit<DeskSetup, 'serverUrl'>, serverUrl: string, site: string): Promise<DeskProcess> {
    const proxy = await startTcpProxy(serverUrl);
    const desk = new DeskProcess(name, setup, site, proxy, mkdtempSync(join(tmpdir(), `gridlink-desk-${name}-`)));
    await desk.launch();
    return desk;
  }

  private get page() {
    if (!this.chromium) throw new Error(`${this.name} is not running`);
    return this.chromium.page;
  }

  private async launch(): Promise<void> {
    this.chromium = await startChromium(this.site, this.profile);
    await this.page.evaluate((s) => window.gridlinkDesk.open(s), { ...this.setup, serverUrl: this.proxy.url });
  }

  createOrder(gridCode: string, token: string): Promise<DeskOutcome> {
    return this.page.evaluate(([g, t]) => window.gridlinkDesk.createOrder(g, t), [gridCode, token] as const);
  }

  act(r1: number, r2: number, token: string): Promise<DeskOutcome> {
    return this.page.evaluate(([a, b, t]) => window.gridlinkDesk.act(a, b, t), [r1, r2, token] as const);
  }

  recordSession(r: number, token: string): Promise<DeskOutcome> {
    return this.page.evaluate(([a, t]) => window.gridlinkDesk.recordSession(a, t), [r, token] as const);
  }

  status(): Promise<SyncStatus | null> {
    return this.page.evaluate(() => window.gridlinkDesk.status());
  }

  async settle(ms: number): Promise<SyncStatus | null> {
    await this.openIfLost();
    return this.page.evaluate((m) => window.gridlinkDesk.settle(m), ms);
  }

  async dump(): Promise<DeskDump> {
    await this.openIfLost();
    return this.page.evaluate(() => window.gridlinkDesk.dump());
  }

  /**
   * Twice in CI (on CouchDB, under the load of every suite), a desk's page was found without its
   * desk while the run waited for the world to settle: the browser had loaded the page anew on its
   * own (cause not found; both times the desk that had been SIGKILLed and restarted on its profile).
   * What a clerk would do: open the app again on the same data. Said in the log, and counted.
   */
  private async openIfLost(): Promise<void> {
    const lost = await this.page.evaluate(() => typeof window.gridlinkDesk === 'undefined' || !window.gridlinkDesk.isOpen()).catch(() => true);
    if (!lost) return;
    this.reopened++;
    await this.page.waitForFunction(() => document.title === 'ready' && typeof window.gridlinkDesk !== 'undefined', undefined, { timeout: RELOAD_MS });
    await this.page.evaluate((s) => window.gridlinkDesk.open(s), { ...this.setup, serverUrl: this.proxy.url });
  }

  async cut(): Promise<void> {
    await this.proxy.cut();
    this.online = false;
  }

  async restore(): Promise<void> {
    if (!this.online) await this.proxy.restore();
    this.online = true;
  }

  /** The clerk closes the app and opens it again (a reload: the page's pagehide, then a fresh start). */
  async restart(): Promise<void> {
    this.restarts++;
    await this.page.evaluate(() => window.gridlinkDesk.close());
    // Playwright's 30 s default is short for a reload on a machine running every suite at once:
    // a reload that timed out went on loading, and the heal found a desk half started (CI).
    await this.page.reload({ timeout: RELOAD_MS });
    await this.page.waitForFunction(() => document.title === 'ready', undefined, { timeout: RELOAD_MS });
    await this.page.evaluate((s) => window.gridlinkDesk.open(s), { ...this.setup, serverUrl: this.proxy.url });
  }

  /** Power cut: SIGKILL the whole browser (whatever it was writing), then start it on the same profile. */
  async kill(downMs: number): Promise<void> {
    const chromium = this.chromium!;
    this.chromium = null;
    const exited = new Promise((resolve) => chromium.process.once('exit', resolve));
    chromium.kill();
    await exited;
    await new Promise((r) => setTimeout(r, downMs));
    await this.launch();
  }

  async close(): Promise<void> {
    await this.chromium?.close();
    this.chromium = null;
    await this.proxy.stop();
    rmSync(this.profile, { recursive: true, force: true });
  }
}
