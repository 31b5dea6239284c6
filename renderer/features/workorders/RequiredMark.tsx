/** The mark of a required field: a red asterisk that stays in the field's accessible name ("问题描述 *"). */
import { useTranslation } from 'react-i18next';

export function RequiredMark({ when = true }: { when?: boolean }) {
  const { t } = useTranslation('workorders');
  if (!when) return null;
  return <> <abbr className="wo-required" title={t('required.mark')}>*</abbr></>;
}

/** "请填写以下必填项：所属网格、问题描述。" for every field left empty, or null when none is. */
export function missingMessage(t: (key: string, options?: Record<string, string>) => string, missing: readonly string[]): string | null {
  return missing.length === 0 ? null : t('workorders:required.missing', { fields: missing.join('、') });
}
