import { describe, expect, it } from 'vitest';
import { closestNames, editDistance } from './closest';

const NAMES = ['Office Professionnel Plus', 'Office 365 E3', 'Project Online', 'Exchange Online (Plan 1)', 'Visio Professionnel'];

describe('closestNames', () => {
  it('suggests the names a misspelt search meant, nearest first', () => {
    expect(closestNames('professionel', NAMES)).toEqual(['Office Professionnel Plus', 'Visio Professionnel']);
    expect(closestNames('ofice profesionnel', NAMES)).toEqual(['Office Professionnel Plus']);
    expect(closestNames('EXHCANGE', NAMES)).toEqual(['Exchange Online (Plan 1)']);
    expect(closestNames('projet', NAMES)).toEqual(['Project Online']);
  });

  it('says nothing when nothing is close, and never suggests on a word of three letters or fewer that matches nothing', () => {
    expect(closestNames('dynamics', NAMES)).toEqual([]);
    expect(closestNames('abc', NAMES)).toEqual([]);
    expect(closestNames('', NAMES)).toEqual([]);
  });

  it('at most the limit asked for', () => {
    expect(closestNames('office', ['Office A', 'Office B', 'Office C', 'Office D'], 2)).toEqual(['Office A', 'Office B']);
  });
});

describe('editDistance', () => {
  it('counts a letter missing, added or changed, and stops past the bound', () => {
    expect(editDistance('professionel', 'professionnel', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('exhcange', 'exchange', 2)).toBe(1);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });
});
