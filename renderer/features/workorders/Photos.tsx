/**
 * Photos of an order: picked from file or camera, compressed and stored before the order is
 * saved (so they sync with it), and shown as thumbnails fetched on demand.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhotoStore } from '../../../core/photos/photoStore';

export function PhotoThumb({ photoId, photos }: { photoId: string; photos: PhotoStore }) {
  const { t } = useTranslation('workorders');
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let alive = true;
    let created: string | null = null;
    photos
      .get(photoId)
      .then((blob) => {
        if (!alive) return;
        created = URL.createObjectURL(blob);
        setUrl(created);
      })
      .catch(() => alive && setFailed(true));
    return () => {
      alive = false;
      if (created) URL.revokeObjectURL(created);
    };
  }, [photoId, photos]);
  if (failed) return <span className="wo-photo wo-photo--missing">{t('detail.noPhotos')}</span>;
  if (!url) return <span className="wo-photo wo-photo--loading">{t('detail.loadingPhoto')}</span>;
  return (
    <a className="wo-photo" href={url} target="_blank" rel="noreferrer">
      <img src={url} alt="" />
    </a>
  );
}

export function PhotoGallery({ photoIds, photos }: { photoIds: readonly string[]; photos: PhotoStore }) {
  const { t } = useTranslation('workorders');
  if (photoIds.length === 0) return <p className="wo-muted">{t('detail.noPhotos')}</p>;
  return (
    <div className="wo-photos">
      {photoIds.map((id) => <PhotoThumb key={id} photoId={id} photos={photos} />)}
    </div>
  );
}

export interface PhotoPickerProps {
  photos: PhotoStore;
  value: string[];
  onChange: (ids: string[]) => void;
  max: number;
  scope: string[];
  by: string;
  onError: (message: string) => void;
}

export function PhotoPicker({ photos, value, onChange, max, scope, by, onError }: PhotoPickerProps) {
  const { t } = useTranslation('workorders');
  const [busy, setBusy] = useState(false);
  const add = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    const room = max - value.length;
    const picked = [...files].slice(0, Math.max(0, room));
    if (files.length > room) onError(t('intake.tooManyPhotos', { max, extra: files.length - Math.max(0, room) }));
    setBusy(true);
    const ids = [...value];
    try {
      for (const file of picked) {
        try {
          const doc = await photos.add(file, { scope, updatedBy: by, takenAt: new Date(file.lastModified || Date.now()).toISOString() });
          if (!ids.includes(doc.id)) ids.push(doc.id);
        } catch (error) {
          onError(error instanceof Error ? error.message : String(error));
        }
      }
    } finally {
      setBusy(false);
      onChange(ids);
    }
  };
  return (
    <div className="wo-photo-picker">
      <div className="wo-photos">
        {value.map((id) => (
          <span key={id} className="wo-photo-slot">
            <PhotoThumb photoId={id} photos={photos} />
            <button type="button" className="wo-photo-remove" onClick={() => onChange(value.filter((v) => v !== id))} aria-label={t('intake.removePhoto')}>×</button>
          </span>
        ))}
        {value.length < max ? (
          <label className="wo-photo wo-photo--add">
            <input type="file" accept="image/*" capture="environment" multiple disabled={busy} onChange={(e) => { void add(e.target.files); e.target.value = ''; }} aria-label={t('intake.addPhotos', { max })} />
            <span>{busy ? t('intake.compressing') : `＋ ${t('intake.addPhotos', { max })}`}</span>
          </label>
        ) : null}
      </div>
      <p className="wo-muted">{t('intake.photoCount', { count: value.length, max })}</p>
    </div>
  );
}
