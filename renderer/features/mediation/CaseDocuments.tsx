/**
 * 卷宗材料: photos and scans of the case file (application form, ID copies, receipts). Pictures
 * are compressed and stored as `photo` docs (core/photos) and listed on the case by id.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { attachDocument } from '../../../core/mediation';
import type { PhotoStore } from '../../../core/photos/photoStore';
import type { MediationCaseDoc } from '../../../core/schema';
import { usePhotos } from '../../data/session';
import { useUnsavedChanges } from '../../data/unsavedForms';
import { formatDate } from '../../ui/formatDate';
import { messageOf } from './caseWriter';
import { FormField } from './FormField';
import { StepMessage } from './StepMessage';
import { useStep } from './useStep';

function Thumbnail({ store, photoId, title }: { store: PhotoStore; photoId: string; title: string }) {
  const { t } = useTranslation('mediation');
  const [url, setUrl] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    let objectUrl: string | null = null;
    let live = true;
    store.get(photoId).then(
      (blob) => {
        if (!live) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      },
      () => live && setMissing(true),
    );
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [store, photoId]);
  if (missing) return <span className="med-thumb med-thumb--missing">{t('documents.unavailable')}</span>;
  return url ? <a href={url} target="_blank" rel="noreferrer"><img className="med-thumb" src={url} alt={title} /></a> : <span className="med-thumb" />;
}

export function CaseDocuments({ doc }: { doc: MediationCaseDoc }) {
  const { t } = useTranslation('mediation');
  const store = usePhotos();
  const step = useStep(doc.id);
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [saving, setSaving] = useState(false);
  useUnsavedChanges({ title, file: file?.name ?? null });
  const documents = doc.documents ?? [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return step.fail(t('documents.add'));
    if (!title.trim()) return step.fail(t('documents.titleRequired'));
    setSaving(true);
    try {
      const photo = await store.add(file, { subjectId: doc.id, scope: [...doc.scope], updatedBy: doc.updatedBy });
      if (await step.run((current, actor) => attachDocument(current, photo.id, title, actor))) {
        setTitle('');
        setFile(null);
        (event.target as HTMLFormElement).reset();
      }
    } catch (error) {
      step.fail(messageOf(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="med-subform" onSubmit={(e) => void submit(e)} aria-label={t('documents.title')} noValidate>
      <h3>{t('documents.title')}</h3>
      {documents.length === 0 ? <p className="muted">{t('documents.none')}</p> : null}
      <ul className="med-documents">
        {documents.map((d) => (
          <li key={d.photoId + d.at}>
            <Thumbnail store={store} photoId={d.photoId} title={d.title} />
            <span>{d.title}</span>
            <span className="muted">{formatDate(d.at)}</span>
          </li>
        ))}
      </ul>
      {doc.state !== 'archived' ? (
        <div className="med-inline__row">
          <FormField label={t('documents.titleLabel')} error={step.fields.title}><input value={title} onChange={(e) => setTitle(e.target.value)} /></FormField>
          <FormField label={t('documents.add')}><input type="file" accept="image/*" onChange={(e) => setFile(e.target.files?.[0] ?? null)} /></FormField>
          <button type="submit" className="med-button" disabled={saving || step.busy}>{saving ? t('documents.uploading') : t('documents.add')}</button>
        </div>
      ) : null}
      <StepMessage error={step.error} />
    </form>
  );
}
