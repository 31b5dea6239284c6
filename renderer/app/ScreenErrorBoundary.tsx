/**
 * A screen that throws while drawing shows what happened and how to go on, instead of taking
 * the whole window (header, navigation, other screens) down with it. React reports the caught
 * error with console.error, which the error log (errorLog.ts) sends to the log file.
 */
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function ScreenFailed({ error }: { error: Error }) {
  const { t } = useTranslation('app');
  return (
    <section className="panel panel--padded screen-error" role="alert">
      <h1 className="panel__title">{t('screenError.title')}</h1>
      <p>{t('screenError.body')}</p>
      <p className="screen-error__detail">{t('startup.detail', { message: error.message })}</p>
      <button type="button" className="action-button action-button--primary screen-error__reload" onClick={() => window.location.reload()}>{t('screenError.reload')}</button>
    </section>
  );
}

/** Give it a `key` of the route, so moving to another screen starts afresh. */
export class ScreenErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): ReactNode {
    return this.state.error ? <ScreenFailed error={this.state.error} /> : this.props.children;
  }
}
