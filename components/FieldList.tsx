import { Fragment, type ReactNode } from 'react';

export type Field = {
  label: string;
  value: ReactNode;
  /** Numbers and codes: tabular figures. */
  code?: boolean;
  testId?: string;
};

/**
 * Label–value pairs of one record (an order's header, a line's details): two
 * columns on a wide screen; on a phone each value goes under its label, so
 * that a long label never pushes the value off the screen.
 */
export function FieldList({ fields, testId, className = 'mt-2' }: { fields: Field[]; testId?: string; className?: string }) {
  return (
    <dl className={`${className} grid max-w-3xl grid-cols-1 gap-x-6 rounded border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[max-content_1fr] sm:gap-y-1`} data-testid={testId}>
      {fields.map((field) => (
        <Fragment key={field.label}>
          <dt className="font-medium">{field.label}</dt>
          <dd className={`mb-2 min-w-0 break-words sm:mb-0 ${field.code ? 'tabular' : ''}`} data-testid={field.testId}>
            {field.value}
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}
