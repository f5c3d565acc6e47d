/** A notice about the view as a whole (a malformed parameter dropped, a list cut short), announced politely. */
export function Notice({ children }: { children: React.ReactNode }) {
  return (
    <p role="status" className="mt-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
      {children}
    </p>
  );
}
