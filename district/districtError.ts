/**
 * An error the operator can act on: its message is one Chinese line from the `district`
 * catalogue, printed as is by the CLI (no stack trace), with exit code 1.
 */
export class DistrictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DistrictError';
  }
}
