'use client';

/**
 * A checkbox that submits its GET form as soon as it changes. Without
 * JavaScript the form's own submit button (in <noscript>) does it.
 */
export function AutoSubmitCheckbox({ name, value, defaultChecked, label, id }: { name: string; value: string; defaultChecked: boolean; label: string; id: string }) {
  return (
    <span className="inline-flex items-center gap-2">
      <input
        id={id}
        type="checkbox"
        name={name}
        value={value}
        defaultChecked={defaultChecked}
        onChange={(event) => event.currentTarget.form?.requestSubmit()}
        className="h-6 w-6 accent-brand-700"
      />
      <label htmlFor={id} className="text-sm">
        {label}
      </label>
    </span>
  );
}
