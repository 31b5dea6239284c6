/** A labelled form control with its inline error (in Chinese) tied to it for screen readers. */
import { useId, type ReactElement, cloneElement } from 'react';

export function FormField({ label, error, hint, wide, children }: {
  label: string;
  error?: string;
  hint?: string;
  wide?: boolean;
  children: ReactElement<{ id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }>;
}) {
  const id = useId();
  const messageId = `${id}-message`;
  return (
    <div className={`med-field${wide ? ' med-field--wide' : ''}${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': error || hint ? messageId : undefined })}
      {error ? (
        <span id={messageId} className="med-field__error" role="alert">{error}</span>
      ) : hint ? (
        <span id={messageId} className="med-field__hint">{hint}</span>
      ) : null}
    </div>
  );
}
