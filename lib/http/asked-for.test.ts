import { describe, expect, it } from 'vitest';
import { askedFor } from './asked-for';

describe('askedFor: what a request answered "not found" asked for', () => {
  it('an order by its number, with the partner’s chosen customer kept', () => {
    expect(askedFor('/orders/8800201')).toEqual({ kind: 'order', number: '8800201' });
    expect(askedFor('/orders/PO-12?customer=1000201')).toEqual({ kind: 'order', number: 'PO-12', customer: '1000201' });
  });

  it('a purchase account named by the pages that take one', () => {
    expect(askedFor('/inventory?account=5100299')).toEqual({ kind: 'account', number: '5100299' });
    expect(askedFor('/online-services/setup?account=5100299&customer=1000201')).toEqual({ kind: 'account', number: '5100299', customer: '1000201' });
    expect(askedFor('/inventory?account=all')).toBeNull();
  });

  it('a line’s history', () => {
    expect(askedFor('/inventory/history/99999999')).toEqual({ kind: 'line' });
  });

  it('repeats nothing that is not shaped like an identifier, and survives any input', () => {
    expect(askedFor('/orders/%3Cscript%3E')).toBeNull();
    expect(askedFor(`/orders/${'9'.repeat(40)}`)).toBeNull();
    expect(askedFor('/orders/%E0%A4%A')).toBeNull();
    expect(askedFor('/inventory?account=%3Cb%3E')).toBeNull();
    expect(askedFor('/inventory?account=1&customer=x')).toEqual({ kind: 'account', number: '1' });
    expect(askedFor('/nothing/here')).toBeNull();
    expect(askedFor(null)).toBeNull();
    expect(askedFor('http://[')).toBeNull();
  });
});
