/**
 * A personal value (a phone, an ID number) masked, with 显示 to show it in full for this view
 * only; `onShow` is called each time it is shown (the reveal is reported for the audit).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function RevealValue({ value, masked, what, onShow }: { value: string; masked: string; what: string; onShow: () => void }) {
  const { t } = useTranslation('common');
  const [shown, setShown] = useState(false);
  if (!value) return null;
  return (
    <span className="reveal-value">
      <span className="mono">{shown ? value : masked}</span>
      <button
        type="button"
        className="reveal-value__button"
        aria-pressed={shown}
        aria-label={t(shown ? 'hideLabel' : 'revealLabel', { what })}
        onClick={() => {
          if (!shown) onShow();
          setShown(!shown);
        }}
      >
        {t(shown ? 'hide' : 'reveal')}
      </button>
    </span>
  );
}
