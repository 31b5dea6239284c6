/**
 * Who writes: the unit the workstation acts for, and the name of the person signed in. Every
 * step of an order or a case records both; the server's rules bind the unit to the writing
 * account (core/rules).
 */
export interface Actor {
  unit: string;
  name: string;
}
