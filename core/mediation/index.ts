/**
 * People's mediation (人民调解): identity checks, the one-month clock, numbering, the steps of a
 * case, conflict settlement, agreement wording and statistics. Plain TypeScript over the case
 * schema, shared by the renderer, tests and the district CLI. The .xlsx export lives in
 * ./statsWorkbook (imported on demand: it pulls in exceljs).
 */
export * from './identity';
export * from './clock';
export * from './numbering';
export * from './caseError';
export * from './caseEvents';
export * from './registration';
export * from './lifecycle';
export * from './conflictSettlement';
export * from './agreementText';
export * from './stats';
