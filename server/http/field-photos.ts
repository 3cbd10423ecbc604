// GET /field-photos/:id: the photo of a field record's supporting document, for signed-in users only. It may show
// a sensitive document, so it is never cached and never reaches anonymous visitors, exports or tiles.
import { Router } from 'express';
import { imageTypeOf } from '../edits/check-photo.ts';
import type { AtlasStore } from '../store/atlas-store.ts';
import { jsonErrors } from './ogc/json-error.ts';
import { viewerOf } from './viewer.ts';

/** The /field-photos router over a store. */
export function fieldPhotosRouter(store: AtlasStore): Router {
  const router = Router();
  router.get('/:id', async (req, res, next) => {
    try {
      res.setHeader('Cache-Control', 'private, no-store');
      res.vary('Cookie');
      if (viewerOf(req).role === 'anonymous') {
        res.status(401).json({ code: 'UNAUTHENTICATED', description: 'Cần đăng nhập để xem ảnh / Sign in to see the photo' });
        return;
      }
      const id = /^[1-9]\d{0,9}$/.test(req.params.id) ? Number(req.params.id) : null;
      const photo = id === null ? undefined : await store.fieldPhoto(id);
      // The type its bytes say (checked again here), never a declared one.
      const type = photo ? imageTypeOf(photo.bytes) : null;
      if (!photo || !type) {
        res.status(404).json({ code: 'NotFound', description: `Không có ảnh ${req.params.id} / No photo ${req.params.id}` });
        return;
      }
      res.setHeader('Content-Type', type);
      res.setHeader('Content-Disposition', `inline; filename="field-photo-${id}.${type === 'image/jpeg' ? 'jpg' : 'webp'}"`);
      res.setHeader('Content-Length', String(photo.bytes.length));
      res.end(photo.bytes);
    } catch (e) {
      next(e);
    }
  });
  router.use(jsonErrors);
  return router;
}
