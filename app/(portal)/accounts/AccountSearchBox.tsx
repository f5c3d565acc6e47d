'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';

/**
 * The selector's search box. Without JavaScript it is a plain input of the
 * GET form. With it, the list narrows as one types (debounced), ArrowDown
 * moves into the results and ArrowUp/ArrowDown move between them.
 */
export function AccountSearchBox({ label, defaultValue }: { label: string; defaultValue: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    const results = () => Array.from(document.querySelectorAll<HTMLButtonElement>('[data-account-result]'));
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      const list = results();
      const target = event.target as HTMLElement;
      if (target === input.current) {
        if (event.key === 'ArrowDown' && list[0]) {
          event.preventDefault();
          list[0].focus();
        }
        return;
      }
      const index = list.indexOf(target as HTMLButtonElement);
      if (index === -1) return;
      event.preventDefault();
      if (event.key === 'ArrowDown') list[Math.min(index + 1, list.length - 1)]?.focus();
      else if (index === 0) input.current?.focus();
      else list[index - 1]?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      clearTimeout(timer.current);
    };
  }, []);

  const narrow = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const form = input.current?.form;
      if (!form) return;
      const params = new URLSearchParams();
      for (const [key, value] of new FormData(form)) if (typeof value === 'string' && value !== '') params.append(key, value);
      router.replace(`${form.getAttribute('action') ?? ''}?${params.toString()}`, { scroll: false });
    }, 250);
  };

  return (
    <div>
      <label htmlFor="account-term" className="block text-sm font-medium">
        {label}
      </label>
      <input
        ref={input}
        id="account-term"
        name="term"
        type="search"
        defaultValue={defaultValue}
        onChange={narrow}
        autoComplete="off"
        maxLength={100}
        className="mt-1 w-64 rounded border border-slate-400 bg-white px-3 py-2 text-sm"
      />
    </div>
  );
}
