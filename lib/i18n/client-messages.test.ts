import { describe, expect, it } from 'vitest';
import { pickMessages } from './client-messages';
import { messages } from './messages';

describe('pickMessages', () => {
  const catalogue = { common: { errors: { title: 'Erreur' }, productName: 'License Desk' }, orders: { record: { title: 'Enregistrer' }, send: { submit: 'Envoyer' }, title: 'Commandes' } };

  it('keeps only the namespaces named, under their parents', () => {
    expect(pickMessages(catalogue, ['common.errors', 'orders.record'])).toEqual({ common: { errors: { title: 'Erreur' } }, orders: { record: { title: 'Enregistrer' } } });
    expect(pickMessages(catalogue, ['orders.record', 'orders.send'])).toEqual({ orders: { record: { title: 'Enregistrer' }, send: { submit: 'Envoyer' } } });
  });

  it('refuses a namespace the catalogue does not have (a typo would show keys instead of text)', () => {
    expect(() => pickMessages(catalogue, ['orders.recrod'])).toThrow('no catalogue namespace orders.recrod');
  });

  it('is a small part of the real catalogue', () => {
    const picked = JSON.stringify(pickMessages(messages.fr, ['common.errors']));
    expect(picked.length).toBeLessThan(JSON.stringify(messages.fr).length / 10);
  });
});
