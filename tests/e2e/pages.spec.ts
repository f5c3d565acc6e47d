/**
 * Every page once per language, with the accessibility scan. (Full flows run
 * once, in French with JavaScript, in the other specs; pages.nojs.spec.ts
 * repeats the pages without JavaScript.)
 */
import { expect, test } from '@playwright/test';
import { cutPlaceholders, expectAccessible, sessionOf } from './support';

const languages = [
  { name: 'French', admin: 'adminFr', partner: 'partnerFr', inventory: 'Licences et services', selector: "Sélectionner un compte d'achats", workspace: 'Espace partenaire', signIn: 'Se connecter', menu: "Afficher l'historique des commandes", columns: ['ÉDITION', 'NOMBRE DE LICENCES', 'ABONNEMENTS DISPONIBLES', 'PROCHAINE EXPIRATION', 'ACTIONS'] },
  { name: 'English', admin: 'adminEn', partner: 'partnerEn', inventory: 'Licenses and services', selector: 'Select a purchase account', workspace: 'Partner workspace', signIn: 'Sign in', menu: 'View order history', columns: ['EDITION', 'LICENSE COUNT', 'AVAILABLE SUBSCRIPTIONS', 'NEXT EXPIRATION', 'ACTIONS'] },
] as const;

for (const language of languages) {
  test.describe(`${language.name} pages`, () => {
    test.describe('customer administrator', () => {
      test.use(sessionOf(language.admin));

      test('inventory', async ({ page }) => {
        await page.goto('/inventory?account=5100201&expand=all');
        await expect(page.getByRole('heading', { level: 1, name: language.inventory })).toBeVisible();
        for (const label of language.columns) await expect(page.getByRole('columnheader', { name: label }).first()).toBeVisible();
        await expect(page.getByRole('navigation', { name: language.name === 'French' ? 'Menu principal' : 'Main menu' }).getByRole('link', { name: language.menu })).toBeVisible();
        await expectAccessible(page);
      });

      test('account selector', async ({ page }) => {
        await page.goto('/accounts');
        await expect(page.getByRole('heading', { level: 1, name: language.selector })).toBeVisible();
        await expectAccessible(page);
      });

      test('line history', async ({ page }) => {
        await page.goto('/inventory?account=5100201&expand=all');
        await page.getByTestId('inventory-line').first().getByRole('link').first().click();
        await expect(page.getByTestId('history-table')).toBeVisible();
        await expectAccessible(page);
      });

      test('not found', async ({ page }) => {
        const response = await page.goto('/inventory?account=0000000');
        expect(response?.status()).toBe(404);
        await expectAccessible(page);
      });
    });

    test.describe('partner user', () => {
      test.use(sessionOf(language.partner));

      test('partner workspace', async ({ page }) => {
        await page.setViewportSize({ width: 1280, height: 800 });
        await page.goto('/partner');
        // The top bar keeps one row at 1280 px for a partner (its menu has one more entry).
        const bar = page.locator('header').first().locator(':scope > div').first();
        const oneRow = async (what: string) => {
          const boxes = await bar.locator(':scope > *').evaluateAll((children) => children.filter((child) => getComputedStyle(child).display !== 'none').map((child) => child.getBoundingClientRect()).map(({ top, bottom }) => ({ top, bottom })));
          // On one row every item starts before any item ends.
          expect(Math.max(...boxes.map((box) => box.top)), what).toBeLessThan(Math.min(...boxes.map((box) => box.bottom)));
        };
        await oneRow('one row');
        await expect(page.getByRole('heading', { level: 1, name: language.workspace })).toBeVisible();
        await expectAccessible(page);
        // A long name too: the name as the server writes it, made as long as a person's may be (cut with an
        // ellipsis, whole in the menu's label); the bar stays one row and nothing overflows.
        const name = page.locator('header summary').first().locator('span').first();
        await name.evaluate((element) => (element.textContent = 'Marie-Christine Delacroix-Beauchamp de La Tour-Fondue'));
        await oneRow('one row with a long name');
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
        expect(await name.evaluate((element) => element.scrollWidth > element.clientWidth), 'the long name is cut').toBe(true);
      });
    });

    test.describe('signed out, language from the browser', () => {
      test.use({ locale: language.name === 'French' ? 'fr-FR' : 'en-US' });

      test('sign-in', async ({ page }) => {
      await page.goto('/sign-in');
      await expect(page.getByRole('heading', { level: 1, name: language.signIn })).toBeVisible();
      await expectAccessible(page);
      });
    });
  });
}

test.describe('language switch', () => {
  test.use(sessionOf('viewerEn'));

  test('is stored on the user and comes back to the same page', async ({ page, browser }) => {
    await page.goto('/accounts?field=location&term=lyon');
    await expect(page.getByRole('heading', { level: 1, name: 'Select a purchase account' })).toBeVisible();
    await page.getByRole('button', { name: 'Français' }).click();
    await expect(page).toHaveURL(/\/accounts\?field=location&term=lyon$/);
    await expect(page.getByRole('heading', { level: 1, name: "Sélectionner un compte d'achats" })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    // Stored on the user: another browser with an English Accept-Language still gets French.
    const other = await browser.newContext({ storageState: 'tests/.auth/viewerEn.json', locale: 'en-US' });
    const otherPage = await other.newPage();
    await otherPage.goto('/accounts');
    await expect(otherPage.getByRole('heading', { level: 1, name: "Sélectionner un compte d'achats" })).toBeVisible();
    await other.close();
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Select a purchase account' })).toBeVisible();
  });
});

// Every page's <title> names what it shows, in the reader's language (browser tabs, bookmarks, history).
test.describe('titles', () => {
  for (const [role, pages] of [
    [
      'adminFr',
      [
        ['/inventory?account=5100201', /^Licences et services — Compte d'achats 5100201 – Fabrikam Montréal – Siège · License Desk$/],
        ['/inventory?account=all&q=office', /^Licences et services — Tous les comptes d'achats \(\d+ comptes\) — Recherche\u00a0: «\u00a0office\u00a0» · /],
        ['/inventory/benefits?account=5100201', /^Avantages de Software Assurance et des services — Compte d'achats 5100201 /],
        ['/inventory/expiring?account=all', /^Expire bientôt — Tous les comptes d'achats/],
        ['/orders?account=5100201', /^Afficher l'historique des commandes — Compte d'achats 5100201 /],
        ['/orders/8800202', /^Commande 8800202 — Compte d'achats 5100201 – Fabrikam Montréal – Siège · /],
        ['/reports?account=5100201&product=O365-E3', /^Rapprochement de services en ligne non payés — Compte d'achats\u00a0: 5100201, Produit\u00a0: O365-E3 · /],
        ['/orders?account=all&po=FAB&from=2026-01-01', /^Afficher l'historique des commandes — Tous les comptes d'achats \(\d+ comptes\) — Numéro du bon de commande du client «\u00a0FAB\u00a0», Du 01\/01\/2026 · /],
        ['/accounts?field=location&term=lyon', /^Sélectionner un compte d'achats — Lieu\u00a0: «\u00a0lyon\u00a0» · /],
        ['/account/activity?action=export&from=2026-11-01', /^Activité — Action\u00a0: Export, Du 01\/11\/2026 · /],
        ['/online-services/setup?account=5100201', /^Configurer des services en ligne — Compte d'achats 5100201 – Fabrikam Montréal – Siège · /],
      ],
    ],
    [
      'adminEn',
      [
        ['/inventory?account=5100201', /^Licenses and services — Purchase account 5100201 /],
        ['/orders/8800202', /^Order 8800202 — Purchase account 5100201 /],
        ['/reports?product=O365-E3', /^Unpaid online services reconciliation — Product: O365-E3 · /],
        ['/orders?account=all&po=FAB', /^View order history — All purchase accounts \(\d+ accounts\) — Customer PO number “FAB” · /],
        ['/accounts?field=location&term=lyon', /^Select a purchase account — Location: “lyon” · /],
      ],
    ],
    [
      'partnerFr',
      [
        ['/partner', /^Espace partenaire — Northwind/],
        ['/partner/orders/new?customer=1000201', /^Enregistrer une commande — Client\u00a0: Fabrikam Industries SA \(1000201\) · /],
      ],
    ],
  ] as const) {
    test.describe(role, () => {
      test.use(sessionOf(role));

      test('each page is named by what it shows', async ({ page }) => {
        for (const [url, title] of pages) {
          await page.goto(url);
          await expect(page, url).toHaveTitle(title);
        }
        // A line's history: its product, edition and version, and its account.
        await page.goto('/inventory?account=5100201&expand=all');
        await page.getByTestId('product-row').filter({ has: page.getByRole('heading', { name: 'Windows Server', exact: true }) }).getByTestId('inventory-line').filter({ hasText: 'Datacenter' }).getByRole('link').first().click();
        await expect(page).toHaveTitle(role === 'adminEn' ? /^History: Windows Server Datacenter 2022 — Purchase account 5100201 / : /^Historique\u00a0: Windows Server Datacenter 2022 — Compte d'achats 5100201 /);
      });
    });
  }
});

// Every page leads to the quick start that explains it, and the help page leads back to each page.
test.describe('help for every part', () => {
  test.use(sessionOf('adminFr'));

  test('each page links to its topic, and each topic to its page', async ({ page }) => {
    const topics: [string, string][] = [
      ['/inventory?account=5100201', 'inventory'],
      ['/inventory?account=5100201&packages=1', 'packages'],
      ['/inventory/benefits?account=5100201', 'benefits'],
      ['/inventory/expiring?account=all', 'expiring'],
      ['/accounts', 'accounts'],
      ['/orders?account=all', 'orders'],
      ['/orders/8800202', 'orders'],
      ['/reports', 'report'],
      ['/online-services/setup?account=5100201', 'setUp'],
      ['/account/users', 'people'],
      ['/settings', 'notices'],
    ];
    for (const [url, topic] of topics) {
      await page.goto(url);
      await expect(page.getByTestId('help-link'), url).toHaveAttribute('href', `/help#${topic}`);
    }
    await page.getByTestId('help-link').click();
    await expect(page).toHaveURL(/\/help#notices$/);
    await expect(page.getByRole('heading', { level: 2 })).toHaveCount(13);
    for (const topic of new Set(topics.map(([, topic]) => topic))) await expect(page.locator(`section#${topic}`)).toHaveCount(1);
    // Each quick start leads to its page (the partner's workspace only for partners).
    await expect(page.getByTestId('help-page-link')).toHaveCount(12);
    await page.locator('section#orders').getByTestId('help-page-link').click();
    await expect(page).toHaveURL(/\/orders$/);
  });
});

// The same both ways in English, and for a partner, whose workspace and order form lead to its own topic.
for (const [role, topics, pageLinks] of [
  ['adminEn', [['/inventory?account=5100201&packages=1', 'packages'], ['/account/activity', 'people'], ['/account/password', 'people'], ['/inventory/benefits?account=5100201', 'benefits']], 12],
  ['partnerEn', [['/partner', 'partner'], ['/partner/orders/new?customer=1000201', 'partner'], ['/orders?customer=1000201&account=all', 'orders'], ['/reports?customer=1000201', 'report']], 11],
] as const) {
  test.describe(`help for every part (${role})`, () => {
    test.use(sessionOf(role));

    test('pages lead to their topic, and the topics to their pages, in English', async ({ page }) => {
      for (const [url, topic] of topics) {
        await page.goto(url);
        await expect(page.getByTestId('help-link'), url).toHaveAttribute('href', `/help#${topic}`);
        await expect(page.getByTestId('help-link'), url).toContainText('Help');
      }
      await page.goto('/help');
      await expect(page.getByRole('heading', { level: 1, name: 'Help' })).toBeVisible();
      await expect(page.getByRole('heading', { level: 2 })).toHaveCount(13);
      // Every topic in English: no French word of the catalogue's help in view.
      await expect(page.locator('main')).not.toContainText(/Licences et services|Afficher l'historique|Espace partenaire/);
      await expect(page.getByTestId('help-page-link')).toHaveCount(pageLinks);
      for (const link of await page.getByTestId('help-page-link').all()) {
        const href = (await link.getAttribute('href'))!;
        expect((await page.request.get(href)).status(), href).toBe(200);
      }
    });
  });
}

// On paper: the context the screen's bars give (customer, account or all accounts, filters, when) and no controls.
test.describe('printed pages', () => {
  test.use({ ...sessionOf('adminFr'), viewport: { width: 794, height: 1123 } });

  test('say what they show and carry no controls', async ({ page }) => {
    await page.emulateMedia({ media: 'print' });
    const controls = 'main button, main form, main nav, main .back-link, [data-testid=help-link], header, .product-toggle, .data-table .ctl';
    for (const [url, context] of [
      ['/inventory?account=5100201', /Client\u00a0: Fabrikam Industries SA \(1000201\) · Compte d'achats 5100201 – Fabrikam Montréal – Siège · Données mises à jour le .+ · Imprimé le /],
      ['/inventory?account=all&expand=all', /Tous les comptes d'achats \(\d+ comptes\)/],
      ['/orders/8800202', /Compte d'achats 5100201 – Fabrikam Montréal – Siège/],
      ['/reports?account=5100201', /Filtres\u00a0: Compte d'achats\u00a0: 5100201/],
      ['/orders?account=all', /Tous les comptes d'achats/],
      ['/orders?account=all&po=FAB&to=2026-11-30', /Tous les comptes d'achats \(\d+ comptes\) · Filtres\u00a0: Numéro du bon de commande du client «\u00a0FAB\u00a0», Au 30\/11\/2026 · /],
      ['/inventory/benefits?account=5100201', /Compte d'achats 5100201 – Fabrikam Montréal – Siège · Données mises à jour le /],
      ['/inventory/expiring?account=all', /Tous les comptes d'achats \(\d+ comptes\) · Données mises à jour le /],
      ['/accounts?field=location&term=lyon', /Filtres\u00a0: Lieu\u00a0: «\u00a0lyon\u00a0»/],
      ['/account/activity?action=export&from=2026-11-01', /Filtres\u00a0: Action\u00a0: Export, Du 01\/11\/2026 · /],
      ['/online-services/setup?account=5100201', /Compte d'achats 5100201 – Fabrikam Montréal – Siège/],
      ['/account/users', /^Client\u00a0: Fabrikam Industries SA \(1000201\) · /],
      ['/settings', /^Client\u00a0: Fabrikam Industries SA \(1000201\) · Imprimé le /],
      ['/help', /^Client\u00a0: Fabrikam Industries SA \(1000201\) · Imprimé le /],
    ] as const) {
      await page.goto(url);
      await expect(page.getByTestId('print-context'), url).toBeVisible();
      await expect(page.getByTestId('print-context'), url).toHaveText(context);
      for (const control of await page.locator(controls).all()) await expect(control, `${url}: ${await control.evaluate((e) => e.outerHTML.slice(0, 80))}`).toBeHidden();
      // The order's "Copier le lien" is on the page, not on paper.
      if (url.startsWith('/orders/')) {
        await expect(page.locator('button', { hasText: 'Copier le lien' })).toHaveCount(1);
        await expect(page.locator('button', { hasText: 'Copier le lien' })).toBeHidden();
      }
      // Nothing is cut at the A4 width.
      expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(794);
    }
    // The pages reached from a line: its history and the reduction of what the customer switched on, each with the line's account.
    for (const [link, context] of [
      [/^Afficher l'historique/, /Compte d'achats 5100201 – Fabrikam Montréal – Siège · Données mises à jour le /],
      [/^Réduire ou désactiver/, /Compte d'achats 5100201 – Fabrikam Montréal – Siège · Données mises à jour le /],
    ] as const) {
      await page.goto('/inventory?account=5100201&expand=all');
      // The line's actions are not on paper: followed by their address.
      await page.goto((await page.getByRole('link', { name: link, includeHidden: true }).first().getAttribute('href'))!);
      await expect(page.getByTestId('print-context')).toHaveText(context);
      for (const control of await page.locator(controls).all()) await expect(control, `${page.url()}: ${await control.evaluate((e) => e.outerHTML.slice(0, 80))}`).toBeHidden();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), page.url()).toBeLessThanOrEqual(794);
    }
    // On screen the line is not shown (the bars say it).
    await page.emulateMedia({ media: 'screen' });
    await expect(page.getByTestId('print-context')).toBeHidden();
  });
});

// A field's hint is read whole, at 1280 px and on a phone, in both languages: none is cut by the field's width.
for (const [role, partner, hints] of [
  ['adminFr', 'partnerFr', ['Numéro du compte, ou une partie de son nom', 'Numéro de commande, ou du bon de commande du client', 'Numéro de contrat, ou une partie de son nom', 'Nom ou code du produit']],
  ['adminEn', 'partnerEn', ['Account number, or part of its name', 'Order number, or customer PO number', 'Agreement number, or part of its name', 'Product name or code']],
] as const) {
  test.describe(`hints of the fields (${role})`, () => {
    for (const width of [1280, 390]) {
      test(`are never cut at ${width} px`, async ({ browser }) => {
        for (const [who, urls] of [
          [role, ['/reports', '/orders?account=all', '/inventory?account=all', '/accounts', '/account/users', '/account/activity', '/online-services/setup?account=5100201']],
          [partner, ['/partner', '/partner/orders/new?customer=1000201', '/reports?customer=1000201']],
        ] as const) {
          const context = await browser.newContext({ ...sessionOf(who), viewport: { width, height: 900 } });
          const page = await context.newPage();
          for (const url of urls) {
            await page.goto(url);
            expect(await cutPlaceholders(page), url).toEqual([]);
          }
          await context.close();
        }
      });
    }

    test('the report says what each filter takes, whole and beside its field', async ({ browser }) => {
      const context = await browser.newContext({ ...sessionOf(role), viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto('/reports');
      for (const [index, name] of (['account', 'order', 'agreement', 'product'] as const).entries()) {
        const hint = page.locator(`#report-${name}-hint`);
        await expect(hint).toBeVisible();
        await expect(hint).toHaveText(hints[index]!);
        await expect(page.locator(`#report-${name}`)).toHaveAccessibleDescription(hints[index]!);
        // Not cut: the hint's box holds all of its text.
        expect(await hint.evaluate((element) => element.scrollWidth <= element.clientWidth && element.scrollHeight <= element.clientHeight)).toBe(true);
      }
      await context.close();
    });
  });
}

// A partner's printouts say whose data and which partner, and carry no controls either.
test.describe('printed pages of a partner', () => {
  test.use({ ...sessionOf('partnerFr'), viewport: { width: 794, height: 1123 } });

  test('name the partner, the customer and the account', async ({ page }) => {
    await page.emulateMedia({ media: 'print' });
    const controls = 'main button, main form, main nav, main .back-link, [data-testid=help-link], header, .product-toggle, .data-table .ctl';
    for (const [url, context] of [
      ['/partner', /^Partenaire\u00a0: Northwind Partenaires · Imprimé le /],
      ['/orders/8800201?customer=1000201', /^Client\u00a0: Fabrikam Industries SA \(1000201\) · Partenaire\u00a0: Northwind Partenaires · Compte d'achats 5100201 – Fabrikam Montréal – Siège · /],
      ['/partner/orders/new?customer=1000201&account=5100201', /^Client\u00a0: Fabrikam Industries SA \(1000201\) · Partenaire\u00a0: Northwind Partenaires · Compte d'achats 5100201 – Fabrikam Montréal – Siège · /],
      ['/reports?customer=1000201&product=O365', /Partenaire\u00a0: Northwind Partenaires · Filtres\u00a0: Produit\u00a0: O365 · /],
    ] as const) {
      await page.goto(url);
      await expect(page.getByTestId('print-context'), url).toHaveText(context);
      for (const control of await page.locator(controls).all()) await expect(control, `${url}: ${await control.evaluate((e) => e.outerHTML.slice(0, 80))}`).toBeHidden();
      if (url.startsWith('/orders/')) await expect(page.locator('button', { hasText: 'Copier le lien' })).toBeHidden();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(794);
    }
  });
});
