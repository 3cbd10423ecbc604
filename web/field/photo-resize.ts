// A photo of the supporting document, made small on the device before it waits in the outbox: at most
// 1600 px on its longer side, JPEG, and under ~600 kB (the portal's limit), lowering quality then size.
const MAX_SIDE = 1600;
const MAX_BYTES = 600_000;

/** The photo as the portal takes it (mimeType, base64 without the data: prefix). */
export interface FieldPhoto {
  mimeType: string;
  dataBase64: string;
}

/** Resize and compress an image file from the camera or the gallery. */
export async function resizePhoto(file: Blob): Promise<FieldPhoto> {
  const bitmap = await createImageBitmap(file);
  try {
    let side = Math.min(MAX_SIDE, Math.max(bitmap.width, bitmap.height));
    for (;;) {
      for (const quality of [0.85, 0.75, 0.6, 0.45]) {
        const base64 = encode(bitmap, side, quality);
        if (base64.length * 0.75 <= MAX_BYTES) return { mimeType: 'image/jpeg', dataBase64: base64 };
      }
      side = Math.round(side * 0.75);
      if (side < 200) throw new Error('photo too large');
    }
  } finally {
    bitmap.close();
  }
}

function encode(bitmap: ImageBitmap, side: number, quality: number): string {
  const scale = side / Math.max(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/jpeg', quality).replace(/^data:image\/jpeg;base64,/, '');
}
