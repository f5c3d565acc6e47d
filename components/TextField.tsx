/**
 * A labelled input with its error beside it (errors beside the field,
 * tied by aria-describedby, what was typed kept through defaultValue).
 * No hooks: usable from server and client components alike.
 */
export function TextField({
  name,
  label,
  type = 'text',
  autoComplete,
  inputMode,
  defaultValue,
  hint,
  error,
  optional = false,
  list,
  className = 'w-full',
}: {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'search';
  autoComplete?: string;
  inputMode?: 'numeric' | 'text';
  defaultValue?: string;
  /** What the field expects, read with it (e.g. "a whole number from 1 to 100,000"). */
  hint?: string;
  error?: string;
  /** Whether it may be left empty (fields are required unless said). */
  optional?: boolean;
  /** The id of a <datalist> of suggestions. */
  list?: string;
  /** The input's width. */
  className?: string;
}) {
  const errorId = `${name}-error`;
  const hintId = `${name}-hint`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      <input
        id={name}
        name={name}
        type={type}
        autoComplete={autoComplete}
        inputMode={inputMode}
        required={!optional}
        list={list}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`mt-1 block ${className} rounded border border-slate-400 bg-white px-3 py-2`}
      />
      {error && (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
