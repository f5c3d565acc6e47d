import { describe, expect, it } from 'vitest';
import { messages } from './messages';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

describe('catalogues', () => {
  it('French and English have the same keys', () => {
    expect(keys(messages.en).sort()).toEqual(keys(messages.fr).sort());
  });

  it('spell "license" the US way in English', () => {
    const strings = (value: unknown, path = ''): [string, string][] =>
      typeof value === 'string' ? [[path, value]] : typeof value === 'object' && value !== null ? Object.entries(value).flatMap(([key, child]) => strings(child, path ? `${path}.${key}` : key)) : [];
    expect(strings(messages.en).filter(([, text]) => /licence/i.test(text)).map(([path]) => path)).toEqual([]);
  });

  it('have no empty message', () => {
    for (const locale of ['fr', 'en'] as const) {
      const empty = keys(messages[locale]).filter((key) => {
        const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages[locale]);
        return typeof value === 'string' && value.trim() === '';
      });
      expect(empty, locale).toEqual([]);
    }
  });

  it('use the customer guide’s own French terms, word for word', () => {
    const fr = messages.fr;
    expect(fr.inventory.tabs.licenses).toBe('Licences et services');
    expect(fr.inventory.tabs.benefits).toBe('Avantages de Software Assurance et des services');
    expect(fr.common.menu.manageInventory).toBe('Gérer mon inventaire');
    expect(fr.common.menu.orderHistory).toBe("Afficher l'historique des commandes");
    expect(fr.accounts.selector.title).toBe("Sélectionner un compte d'achats");
    expect(fr.inventory.row.expand).toBe('Développer/Réduire');
    expect(fr.inventory.toolbar.expandAll).toBe('afficher/masquer');
    expect(fr.inventory.toolbar.showPackages).toBe('Afficher les packages');
    expect(fr.inventory.columns.licenseCount).toBe('NOMBRE DE LICENCES');
    expect(fr.inventory.columns.available).toBe('ABONNEMENTS DISPONIBLES');
    expect(fr.inventory.expiry.soon).toBe('Expire bientôt');
    expect(fr.inventory.expiry.expired).toBe('Expiré');
    expect(messages.en.inventory.columns.licenseCount).toBe('LICENSE COUNT');
  });
});
