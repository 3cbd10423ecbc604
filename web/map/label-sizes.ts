// Labels are placed from their sizes. Reading a size right after a label changed makes the browser lay the page
// out there and then (on an indicator switch: right after React re-rendered, inside the switch's handler). A
// ResizeObserver hears of new sizes from the browser's own layout of the next frame, before that frame is
// painted: the labels are placed there, and only when a label, or a panel they give way to, changed size.

/** Watches elements' sizes; `onResize` runs once per frame in which any of them changed (and once at first). */
export interface LabelSizeWatch {
  /** Watch these elements too (those already watched are skipped; null is ignored). */
  watch: (elements: Iterable<Element | null>) => void;
  stop: () => void;
}

/** Call `onResize` after layout whenever a watched element has a new size (its border box). */
export function watchLabelSizes(onResize: () => void): LabelSizeWatch {
  const watched = new WeakSet<Element>();
  const observer = new ResizeObserver(() => onResize());
  return {
    watch: (elements) => {
      for (const e of elements) {
        if (!e || watched.has(e)) continue;
        watched.add(e);
        observer.observe(e, { box: 'border-box' });
      }
    },
    stop: () => observer.disconnect(),
  };
}
