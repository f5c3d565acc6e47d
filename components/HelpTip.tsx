'use client';

import { useId, useState } from 'react';

/**
 * A help icon beside a term: a focusable button whose tip
 * (role="tooltip", tied by aria-describedby) shows on hover and on keyboard
 * focus and is dismissed with Escape. Without JavaScript the same tip shows on
 * hover and focus through CSS alone.
 */
export function HelpTip({ label, text }: { label: string; text: string }) {
  const id = useId();
  const [dismissed, setDismissed] = useState(false);
  return (
    // The look, and showing the tip on hover and focus: `.help-tip` in app/globals.css (one rule for every heading).
    <span className="help-tip" onMouseLeave={() => setDismissed(false)}>
      <button
        type="button"
        aria-label={label}
        aria-describedby={id}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setDismissed(true);
        }}
        onBlur={() => setDismissed(false)}
      >
        ?
      </button>
      <span id={id} role="tooltip" className={dismissed ? 'hidden' : undefined}>
        {text}
      </span>
    </span>
  );
}
