/**
 * A customer's people, managed by its administrators, against a real SMTP
 * server and a migrated database: invite (then arrive through the
 * invitation and sign in), change access, deactivate — never another
 * customer's people, never the last administrator; changes end sessions.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { authorizeCredentials } from '@/lib/auth/sign-in';
import { countActiveSessions, startSession } from '@/lib/auth/sessions';
import { all, createTestDb, one } from '@/tests/helpers/db';
import { mailOutbox, sendOutbox } from '@/tests/helpers/mail';
import { FIXTURE_ACCOUNTS as A, FIXTURE_USERS as U, fastPasswordHash, loadFixtures } from '@/tests/helpers/fixtures';
import { smtpServerForEachFile, type TestSmtpServer } from '@/tests/helpers/smtp';
import { viewerOf } from '@/tests/helpers/viewers';
import { changeAccess, invitePerson, listPeople, queueInvitation, setPersonActive } from './manage';
import { setPasswordWithLink } from './reset';

let smtp: TestSmtpServer;
let db: Db;
const NOW = Date.parse('2026-11-24T09:00:00Z');
const LIMITS = { idleMs: 3_600_000, absoluteMs: 86_400_000 };

const server = smtpServerForEachFile();
beforeEach(async () => {
  smtp = server();
  db = await createTestDb();
  await loadFixtures(db);
});

const mail = () => ({ appUrl: 'https://portal.example', from: 'License Desk <no-reply@portal.example>', now: NOW, address: '192.0.2.3' });
const send = () => sendOutbox(db, smtp.url, NOW);
const at = { now: NOW, address: '192.0.2.3' };
const userId = async (email: string) => (await one<{ id: number }>(db, 'select id from users where email = ?', email)).id;

describe('queueInvitation', () => {
  it('names the administrator who sends it again, or the portal’s administrator from the command line, and the organisation, in the person’s language', async () => {
    const admin = (await viewerOf(db, U.alphaAdmin));
    expect((await invitePerson(db, admin, { email: 'later@alpha.example', name: 'Later Person', locale: 'en', role: 'customer_admin', accounts: [] }, mail())).kind).toBe('invited');
    // Another administrator of the customer resends it.
    expect((await invitePerson(db, admin, { email: 'second@alpha.example', name: 'Second Admin', locale: 'fr', role: 'customer_admin', accounts: [] }, mail())).kind).toBe('invited');
    const customerId = admin.customer!.id;
    await queueInvitation(db, await userId('later@alpha.example'), mail(), { customerId, invitedByUserId: await userId('second@alpha.example') });
    await queueInvitation(db, await userId('later@alpha.example'), mail(), { customerId, invitedByUserId: null });
    await send();
    const texts = smtp.received.filter((message) => message.mail.to?.toString().includes('later@alpha.example') || message.mail.text?.includes('Hello Later Person')).map((message) => message.mail.text!.replace(/\s+/g, ' '));
    expect(texts).toHaveLength(3);
    expect(texts[0]).toContain('Alice Admin (admin@alpha.example) invites you to see the inventory of licenses and online services of Alpha Équipements Ltée in License Desk.');
    expect(texts[1]).toContain('Second Admin (second@alpha.example) invites you');
    expect(texts[2]).toContain('The administrator of the License Desk portal invites you to see the inventory of licenses and online services of Alpha Équipements Ltée.');
  });
});

describe('invitePerson', () => {
  it('creates an account viewer of the chosen accounts, e-mails the invitation, and the invitation sets the password once', async () => {
    const admin = (await viewerOf(db, U.alphaAdmin));
    const outcome = (await invitePerson(db, admin, { email: 'New.Person@Alpha.example', name: 'Nouvelle Personne', locale: 'fr', role: 'account_viewer', accounts: [A.alphaNorth2] }, mail()));
    expect(outcome).toEqual({ kind: 'invited' });
    expect(await mailOutbox(db)).toMatchObject([{ kind: 'invitation', recipient: 'new.person@alpha.example', status: 'pending' }]);
    await send();
    const person = (await listPeople(db, admin))!.rows.find((row) => row.email === 'new.person@alpha.example')!;
    expect(person).toMatchObject({ role: 'account_viewer', accounts: [A.alphaNorth2], invited: true, active: true });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.mail.subject).toBe('Votre accès à License Desk');
    // Who invites, and to whose inventory (elided before a vowel: "d'Alpha").
    expect(smtp.received[0]!.mail.text!.replace(/\s+/g, ' ')).toContain(
      "Alice Admin (admin@alpha.example) vous invite à consulter l'inventaire des licences et des services en ligne d'Alpha Équipements Ltée dans License Desk.",
    );
    const token = /\/invitation\/([A-Za-z0-9_-]{43})/.exec(smtp.received[0]!.mail.text!)![1]!;
    const strong = 'harbor quilt saffron 1987';
    expect(await setPasswordWithLink(db, token, 'invitation', { next: strong, confirmation: strong }, { ...at, hash: fastPasswordHash })).toEqual({ kind: 'done', email: 'new.person@alpha.example' });
    const signIn = await authorizeCredentials({ email: 'new.person@alpha.example', password: strong }, { db, address: '192.0.2.3', now: NOW, limits: { perAddress: 1000, perAccount: 1000 }, refusalDelayMs: 0 });
    expect(signIn).toMatchObject({ id: String(person.id) });
    expect((await viewerOf(db, 'new.person@alpha.example')).grantedAccountIds).toHaveLength(1);
    expect(await setPasswordWithLink(db, token, 'invitation', { next: strong, confirmation: strong }, at)).toEqual({ kind: 'link', state: 'used' });
  });

  it('lists people by name as a reader expects: accents and case aside ("Élodie" before "Test", "émile" before "Zoé")', async () => {
    const admin = (await viewerOf(db, U.alphaAdmin));
    for (const [email, name] of [['test@alpha.example', 'Test Verrouillage'], ['elodie@alpha.example', 'Élodie Durand'], ['zoe@alpha.example', 'Zoé Roy'], ['emile@alpha.example', 'émile Petit']] as const) {
      expect(((await invitePerson(db, admin, { email, name, locale: 'fr', role: 'customer_admin', accounts: [] }, mail()))).kind).toBe('invited');
    }
    const names = (await listPeople(db, admin))!.rows.map((row) => row.name);
    const order = (first: string, second: string) => expect(names.indexOf(first), `${first} before ${second}`).toBeLessThan(names.indexOf(second));
    order('Élodie Durand', 'émile Petit');
    order('émile Petit', 'Test Verrouillage');
    order('Test Verrouillage', 'Zoé Roy');
    // Searched by any part of the name or the address, case and accents aside; only the customer's own people.
    const found = async (query: string) => (await listPeople(db, admin, 1, query))!.rows.map((row) => row.name);
    expect(await found('ELODIE')).toEqual(['Élodie Durand']);
    expect(await found('émile')).toEqual(['émile Petit']);
    expect(await found('zoe@alpha')).toEqual(['Zoé Roy']);
    expect(await found('roy')).toEqual(['Zoé Roy']);
    expect((await listPeople(db, admin, 1, 'zzz-nobody'))).toMatchObject({ rows: [], total: 0, page: 1, pages: 1 });
    const beta = (await viewerOf(db, U.betaAdmin));
    expect((await listPeople(db, beta, 1, 'elodie'))!.rows).toEqual([]);
  });

  it('refuses one of the customer’s own people, a viewer without accounts, and another customer’s account', async () => {
    const admin = (await viewerOf(db, U.alphaAdmin));
    expect((await invitePerson(db, admin, { email: U.alphaViewer, name: 'X', locale: 'en', role: 'customer_admin', accounts: [] }, mail()))).toEqual({ kind: 'invalid', field: 'email', message: 'emailTaken' });
    expect((await invitePerson(db, admin, { email: 'a@alpha.example', name: 'X', locale: 'en', role: 'account_viewer', accounts: [] }, mail()))).toEqual({ kind: 'invalid', field: 'accounts', message: 'accountsRequired' });
    expect((await invitePerson(db, admin, { email: 'b@alpha.example', name: 'X', locale: 'en', role: 'account_viewer', accounts: [A.betaNorth] }, mail()))).toEqual({ kind: 'not-found' });
    expect(await mailOutbox(db)).toEqual([]);
  });

  it('answers an address of another customer or a partner exactly like a new one: nothing changes for it, and only its owner is told', async () => {
    const admin = (await viewerOf(db, U.alphaAdmin));
    const auditBefore = await one<{ n: number }>(db, 'select count(*) as n from audit_log');
    const elsewhere = (await invitePerson(db, admin, { email: U.betaViewer.toUpperCase(), name: 'X', locale: 'fr', role: 'customer_admin', accounts: [] }, mail()));
    const partner = (await invitePerson(db, admin, { email: U.northPartner, name: 'X', locale: 'fr', role: 'customer_admin', accounts: [] }, mail()));
    const fresh = (await invitePerson(db, admin, { email: 'brand.new@alpha.example', name: 'X', locale: 'fr', role: 'customer_admin', accounts: [] }, mail()));
    expect(elsewhere).toEqual(fresh);
    expect(partner).toEqual(fresh);
    // The inviter's own audit log reads the same for all three.
    const entries = await all<{ entity_id: string }>(db, "select action, entity_id, details, customer_id from audit_log where action = 'person_invited' order by id");
    expect(entries.map((entry) => ({ ...entry, entity_id: '…' }))).toEqual(Array(3).fill({ action: 'person_invited', entity_id: '…', details: JSON.stringify({ role: 'customer_admin', accounts: '' }), customer_id: admin.customer!.id }));
    expect((await one<{ n: number }>(db, 'select count(*) as n from audit_log')).n).toBe(auditBefore.n + 3);
    // Nothing changed for beta's viewer or the partner user: no grant of alpha, no new invitation link.
    expect((await viewerOf(db, U.betaViewer)).customer?.number).not.toBe(admin.customer!.number);
    expect(await one(db, 'select count(*) as n from grants g join users u on u.id = g.user_id where u.email in (?, ?) and g.customer_id = ?', U.betaViewer, U.northPartner, admin.customer!.id)).toEqual({ n: 0 });
    expect(await one(db, 'select count(*) as n from one_time_tokens t join users u on u.id = t.user_id where u.email in (?, ?)', U.betaViewer, U.northPartner)).toEqual({ n: 0 });
    // Their owners get a notice that carries no link but sign-in; the new address its invitation.
    await send();
    const byRecipient = Object.fromEntries(smtp.received.map((message) => [message.to[0], message.mail]));
    expect(Object.keys(byRecipient).sort()).toEqual([U.betaViewer, U.northPartner, 'brand.new@alpha.example'].sort());
    for (const owner of [U.betaViewer, U.northPartner]) {
      expect(byRecipient[owner]!.text).toContain('https://portal.example/sign-in');
      expect(byRecipient[owner]!.text).not.toMatch(/invitation\/|reset-password/);
    }
    expect(byRecipient['brand.new@alpha.example']!.text).toMatch(/\/invitation\/[A-Za-z0-9_-]{43}/);
  });

  it('is for customer administrators only', async () => {
    for (const viewer of await Promise.all([viewerOf(db, U.alphaViewer), viewerOf(db, U.northPartner, '2000001')])) {
      expect((await invitePerson(db, viewer, { email: 'c@alpha.example', name: 'X', locale: 'en', role: 'customer_admin', accounts: [] }, mail()))).toEqual({ kind: 'not-found' });
      expect((await listPeople(db, viewer))).toBeNull();
    }
  });
});

describe('changing access and deactivating', () => {
  it('a new role or new accounts end the person’s sessions', async () => {
    const admin = (await viewerOf(db, U.alphaAdmin));
    const viewer = await userId(U.alphaViewer);
    await startSession(db, viewer, NOW, LIMITS);
    expect((await changeAccess(db, admin, viewer, { role: 'account_viewer', accounts: [A.alphaNorth, A.alphaSouth] }, at))).toEqual({ kind: 'done', userId: viewer });
    expect((await countActiveSessions(db, viewer, NOW, LIMITS))).toBe(0);
    expect((await listPeople(db, admin))!.rows.find((row) => row.id === viewer)!.accounts).toEqual([A.alphaNorth, A.alphaSouth].sort());
  });

  it('never touches another customer’s people', async () => {
    const admin = (await viewerOf(db, U.alphaAdmin));
    expect((await changeAccess(db, admin, await userId(U.betaViewer), { role: 'customer_admin', accounts: [] }, at))).toEqual({ kind: 'not-found' });
    expect((await setPersonActive(db, admin, await userId(U.betaAdmin), false, at))).toEqual({ kind: 'not-found' });
    expect((await setPersonActive(db, admin, await userId(U.northPartner), false, at))).toEqual({ kind: 'not-found' });
  });

  it('keeps the customer’s last active administrator', async () => {
    const admin = (await viewerOf(db, U.alphaAdmin));
    const self = admin.userId;
    expect((await setPersonActive(db, admin, self, false, at))).toEqual({ kind: 'invalid', field: 'active', message: 'lastAdministrator' });
    expect((await changeAccess(db, admin, self, { role: 'account_viewer', accounts: [A.alphaNorth] }, at))).toEqual({ kind: 'invalid', field: 'role', message: 'lastAdministrator' });
    // With a second administrator, one may go.
    expect((await changeAccess(db, admin, await userId(U.alphaViewer), { role: 'customer_admin', accounts: [] }, at))).toMatchObject({ kind: 'done' });
    expect((await setPersonActive(db, admin, self, false, at))).toMatchObject({ kind: 'done' });
    expect(await one(db, 'select active from users where id = ?', self)).toEqual({ active: 0 });
    expect(await all(db, "select action from audit_log where action in ('access_changed', 'person_deactivated') order by id")).toEqual([{ action: 'access_changed' }, { action: 'person_deactivated' }]);
  });
});
