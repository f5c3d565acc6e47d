// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HelpTip } from './HelpTip';

afterEach(cleanup);

describe('HelpTip', () => {
  it('is a focusable button described by its tip', () => {
    render(<HelpTip label="Aide : NOMBRE DE LICENCES" text="Licences acquises dans le cadre d'un contrat." />);
    const button = screen.getByRole('button', { name: 'Aide : NOMBRE DE LICENCES' });
    const tip = screen.getByRole('tooltip', { hidden: true });
    expect(button.getAttribute('aria-describedby')).toBe(tip.id);
    expect(tip.textContent).toBe("Licences acquises dans le cadre d'un contrat.");
    // Shown on hover and focus by CSS (`.help-tip` in app/globals.css; in a browser: tests/e2e/inventory.spec.ts),
    // so not hidden for good.
    expect(tip.parentElement!.className).toBe('help-tip');
    expect(tip.className).not.toMatch(/(^| )hidden( |$)/);
  });

  it('is dismissed with Escape and comes back on the next focus', () => {
    render(<HelpTip label="Aide" text="Définition" />);
    const button = screen.getByRole('button', { name: 'Aide' });
    const tip = screen.getByRole('tooltip', { hidden: true });
    button.focus();
    fireEvent.keyDown(button, { key: 'Escape' });
    expect(tip.className).toContain('hidden');
    fireEvent.blur(button);
    expect(tip.className).not.toMatch(/(^| )hidden( |$)/);
  });
});
