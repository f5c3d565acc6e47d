import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-strength';

describe('passwordProblem', () => {
  it('wants at least 12 characters', () => {
    expect(passwordProblem('Tr0ub4dor&3')).toBe('tooShort');
    expect(passwordProblem('é'.repeat(11))).toBe('tooShort');
  });

  it('refuses what an estimator rates weak: common words in English and French, keyboard walks, the person’s own name', () => {
    expect(passwordProblem('password1234')).toBe('weak');
    expect(passwordProblem('motdepasse123')).toBe('weak');
    expect(passwordProblem('azertyuiop123')).toBe('weak');
    expect(passwordProblem('qwertyuiopasdf')).toBe('weak');
    expect(passwordProblem('CamilleMartin!', ['Camille Martin', 'camille.martin@fabrikam.example'])).toBe('weak');
    expect(passwordProblem('aliceadminalice', ['Alice Admin', 'admin@alpha.example'])).toBe('weak');
    expect(passwordProblem('Alpha.Example.2026', ['Alice Admin', 'admin@alpha.example'])).toBe('weak');
  });

  it('takes a long, unguessable one', () => {
    expect(passwordProblem('correct horse battery staple')).toBeNull();
    expect(passwordProblem('vLq9-Tz2m#pW-r8Kd')).toBeNull();
  });

  it('refuses an absurd length', () => {
    expect(passwordProblem('x'.repeat(2000))).toBe('tooLong');
  });
});
