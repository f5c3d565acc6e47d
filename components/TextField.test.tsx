// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TextField } from './TextField';

afterEach(cleanup);

describe('TextField', () => {
  it('ties its error to the input and keeps what was typed', () => {
    render(<TextField name="email" type="email" label="Adresse e-mail" defaultValue="nom@exemple" error="Saisissez une adresse e-mail valide." />);
    const input = screen.getByLabelText('Adresse e-mail') as HTMLInputElement;
    expect(input.value).toBe('nom@exemple');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(input.getAttribute('aria-describedby')!)?.textContent).toBe('Saisissez une adresse e-mail valide.');
  });

  it('says nothing when there is no error', () => {
    render(<TextField name="password" type="password" label="Mot de passe" />);
    const input = screen.getByLabelText('Mot de passe');
    expect(input.getAttribute('aria-invalid')).toBeNull();
    expect(input.getAttribute('aria-describedby')).toBeNull();
  });
});

describe('TextField with a hint', () => {
  it('reads the hint and then the error with the input', () => {
    render(<TextField name="quantity" label="Quantité" hint="Un nombre entier" error="Saisissez un nombre entier." />);
    const input = screen.getByLabelText('Quantité');
    expect(input.getAttribute('aria-describedby')).toBe('quantity-hint quantity-error');
  });
});
