// Whether the window is phone-sized, followed as it is resized: what a phone gets at first (the legend folded, the map
// credit behind its ⓘ button) is given again when a window is narrowed to a phone's width, and taken back when widened.
import { useEffect, useState } from 'react';
import { PHONE_SCREEN } from './phone-screen.ts';

/** True while the window is phone-sized; the component renders again when that changes. */
export function usePhoneScreen(): boolean {
  const [phone, setPhone] = useState(() => window.matchMedia(PHONE_SCREEN).matches);
  useEffect(() => {
    const query = window.matchMedia(PHONE_SCREEN);
    const onChange = () => setPhone(query.matches);
    query.addEventListener('change', onChange);
    onChange();
    return () => query.removeEventListener('change', onChange);
  }, []);
  return phone;
}
