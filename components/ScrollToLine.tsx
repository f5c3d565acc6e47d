'use client';

import { useEffect } from 'react';

/** Brings the highlighted line (`?line=`) into view once the page is shown. */
export function ScrollToLine({ elementId }: { elementId: string }) {
  useEffect(() => {
    const element = document.getElementById(elementId);
    if (!element) return;
    const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    element.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
  }, [elementId]);
  return null;
}
