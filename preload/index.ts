// Placeholder preload; the typed bridge comes with the Electron issue.
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('gridlink', { platform: 'electron' });
