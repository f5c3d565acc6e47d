import { TextField } from './TextField';

/**
 * The new password, typed twice, with what it must be: the same two fields
 * wherever a password is chosen (a change, a reset, an invitation). Password
 * fields never get what was typed back. No hooks: usable from client forms.
 */
export function NewPasswordFields({ labels, errors }: { labels: { next: string; hint: string; confirmation: string }; errors: { next?: string; confirmation?: string } }) {
  return (
    <>
      <TextField name="next" type="password" label={labels.next} hint={labels.hint} autoComplete="new-password" error={errors.next} />
      <TextField name="confirmation" type="password" label={labels.confirmation} autoComplete="new-password" error={errors.confirmation} />
    </>
  );
}
