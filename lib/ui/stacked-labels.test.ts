import { describe, expect, it } from 'vitest';
import { cssString, stackedClassOf, stackedLabelsCss, stackedLabelsHref } from './stacked-labels';

describe('stacked labels', () => {
  it('names a set of headings by a short stable class, different for different headings', () => {
    expect(stackedClassOf(['PRODUIT', 'QUANTITÉ'])).toMatch(/^st-[a-z0-9]{1,8}$/);
    expect(stackedClassOf(['PRODUIT', 'QUANTITÉ'])).toBe(stackedClassOf(['PRODUIT', 'QUANTITÉ']));
    expect(stackedClassOf(['PRODUIT', 'QUANTITÉ'])).not.toBe(stackedClassOf(['PRODUIT', 'QUANTITY']));
    expect(stackedClassOf(['A', 'B'], ['B'])).not.toBe(stackedClassOf(['A', 'B']));
  });

  it('labels every cell but the first, and the totals row after its own label', () => {
    const css = stackedLabelsCss('st-x', ['PRODUIT', 'COMPTE', 'À COMMANDER'], ['À COMMANDER']);
    expect(css).toBe('@media (max-width: 639.98px){.st-x>tbody>tr>:nth-child(2)::before{content:"COMPTE"}.st-x>tbody>tr>:nth-child(3)::before{content:"À COMMANDER"}.st-x>tfoot>tr>:nth-child(2)::before{content:"À COMMANDER"}}\n');
  });

  it('cannot be broken out of by a heading', () => {
    expect(cssString('a"}body{x:1}</style>\\')).toBe('"a\\22 \\7d body\\7b x:1\\7d \\3c /style\\3e \\5c "');
  });

  it('is served at an address that carries its headings', () => {
    expect(stackedLabelsHref('st-x', ['A', 'B C'], ['C'])).toBe('/table-labels.css?c=st-x&b=A&b=B+C&f=C');
  });
});
