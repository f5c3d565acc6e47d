'use client';

import { useState, useSyncExternalStore } from 'react';

const noSubscription = () => () => undefined;

/**
 * "Copier le lien": copies the absolute address of `path` (in this browser's
 * origin) to the clipboard. It needs JavaScript, so it only appears once the
 * page is interactive; the link itself is on the page as text for everyone.
 */
export function CopyLinkButton({ path, label, copiedLabel }: { path: string; label: string; copiedLabel: string }) {
  // False in the server's HTML, true once hydrated: the button exists only where it works.
  const ready = useSyncExternalStore(noSubscription, () => true, () => false);
  const [copied, setCopied] = useState(false);
  if (!ready) return null;
  return (
    <button
      type="button"
      onClick={async () => {
        await navigator.clipboard.writeText(new URL(path, window.location.href).toString());
        setCopied(true);
      }}
      className="rounded border border-brand-700 px-3 py-1 text-sm text-brand-700 hover:bg-blue-50"
    >
      {copied ? copiedLabel : label}
      <span className="sr-only" role="status">
        {copied ? copiedLabel : ''}
      </span>
    </button>
  );
}
