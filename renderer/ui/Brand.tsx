/** The app's mark and name: large on the start-up and sign-in cards, small in the header. */
import { useTranslation } from 'react-i18next';
import { Icon } from './icons';

export function Brand({ large = false }: { large?: boolean }) {
  const { t } = useTranslation('app');
  return (
    <div className={large ? 'brand brand--large' : 'brand'}>
      <span className="brand__mark"><Icon name="brand" size={large ? 30 : 26} /></span>
      <span className="brand__name">{t('name')}</span>
    </div>
  );
}
