// The device's position once, as precise as it can give (GPS), with its accuracy radius.
import type { FieldPosition } from './field-record.ts';

/** Ask the device where it is (rejects with the browser's message when it cannot or may not say). */
export function currentPosition(): Promise<FieldPosition> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) { reject(new Error('geolocation unavailable')); return; }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lon: p.coords.longitude, lat: p.coords.latitude, accuracyMeters: p.coords.accuracy }),
      (e) => reject(new Error(e.message || `geolocation error ${e.code}`)),
      { enableHighAccuracy: true, timeout: 30_000, maximumAge: 10_000 },
    );
  });
}
