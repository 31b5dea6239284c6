/**
 * Who writes: the unit the workstation acts for, the name of its login (the CouchDB user that
 * writes, `by`), and the person signed in at it (`person`, their personal account). Every step of
 * an order or a case records all three; the server's rules bind the unit and the login to the
 * writing account and the person to the unit's enrolled people (core/rules).
 */
export interface Actor {
  unit: string;
  name: string;
  /** The personal account signed in at the workstation (`person-<unit>-<suffix>`), if anyone is. */
  person?: string;
}
