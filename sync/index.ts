/** The sync engine's public face: what the app, the tests and the tools start and read. */
export * from './stationSync';
