'use client';

import { useId, useState } from 'react';

/**
 * A help icon beside a term (SPEC §3 item 11): a focusable button whose tip
 * (role="tooltip", tied by aria-describedby) shows on hover and on keyboard
 * focus and is dismissed with Escape. Without JavaScript the same tip shows on
 * hover and focus through CSS alone.
 */
export function HelpTip({ label, text }: { label: string; text: string }) {
  const id = useId();
  const [dismissed, setDismissed] = useState(false);
  return (
    <span className="group relative inline-block align-middle normal-case" onMouseLeave={() => setDismissed(false)}>
      <button
        type="button"
        aria-label={label}
        aria-describedby={id}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setDismissed(true);
        }}
        onBlur={() => setDismissed(false)}
        className="ml-1 inline-flex h-5 w-5 items-center justify-center rounded-full border border-slate-500 bg-white text-xs font-bold text-slate-700 hover:bg-slate-100"
      >
        ?
      </button>
      <span
        id={id}
        role="tooltip"
        className={`pointer-events-none absolute left-1/2 top-full z-30 mt-1 w-64 -translate-x-1/2 rounded bg-slate-900 px-3 py-2 text-left text-xs font-normal tracking-normal text-white shadow-lg ${
          dismissed ? 'hidden' : 'invisible group-focus-within:visible group-hover:visible'
        }`}
      >
        {text}
      </span>
    </span>
  );
}
