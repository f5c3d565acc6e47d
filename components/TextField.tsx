/**
 * A labelled input with its error beside it (UI.md: errors beside the field,
 * tied by aria-describedby, what was typed kept through defaultValue).
 * No hooks: usable from server and client components alike.
 */
export function TextField({
  name,
  label,
  type = 'text',
  autoComplete,
  defaultValue,
  error,
}: {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'search';
  autoComplete?: string;
  defaultValue?: string;
  error?: string;
}) {
  const errorId = `${name}-error`;
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={name}
        name={name}
        type={type}
        autoComplete={autoComplete}
        required
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className="mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2"
      />
      {error && (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
