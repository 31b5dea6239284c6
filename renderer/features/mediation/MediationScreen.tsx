/** 调解: the case list, 受理登记, a case's page and its agreement's print view. */
import { useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../data/session';
import { useLiveCount } from '../../data/useLiveCount';
import { ListCount } from '../../ui/ListCount';
import { Screen } from '../../ui/Screen';
import { AgreementPrint } from './AgreementPrint';
import { CaseFilePrint } from './CaseFilePrint';
import { CaseList } from './CaseList';
import { CasePage } from './CasePage';
import { useMediationView } from './mediationRoute';
import { RegisterForm } from './RegisterForm';
import './mediation.css';

export function MediationScreen() {
  const { t } = useTranslation(['app', 'mediation']);
  const db = useDatabase();
  const view = useMediationView();
  const total = useLiveCount(db.cases);
  // Moving between the list, a new case, a case and its prints starts at the top of the page
  // (the shell's main area keeps its scroll across hash changes, so a registered case opened
  // scrolled to where the register button had been).
  const place = JSON.stringify(view);
  useLayoutEffect(() => {
    document.querySelector('main')?.scrollTo({ top: 0 });
  }, [place]);
  switch (view.view) {
    case 'new':
      return (
        <Screen title={t('mediation:register.title')} purpose={t('app:purpose.mediation')}>
          <RegisterForm />
        </Screen>
      );
    case 'case':
      return <CasePage caseKey={view.key} />;
    case 'agreement':
      return <AgreementPrint caseKey={view.key} />;
    case 'print':
      return <CaseFilePrint caseKey={view.key} document={view.document} />;
    case 'list':
      return (
        <Screen title={t('app:nav.mediation')} purpose={t('app:purpose.mediation')} aside={<ListCount total={total} />}>
          <CaseList />
        </Screen>
      );
  }
}
