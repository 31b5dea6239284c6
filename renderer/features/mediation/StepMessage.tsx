/** The refusal of a step, shown where the clerk pressed the button. */
export function StepMessage({ error }: { error: string | null }) {
  return error ? <p className="med-banner med-banner--error" role="alert">{error}</p> : null;
}
