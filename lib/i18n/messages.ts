/**
 * The catalogues: one JSON file per area and language under messages/, each
 * area a namespace (`common`, `auth`, …). The French files use the customer
 * guide's own terms, word for word (Licences et services, Expire bientôt,
 * Rapprochement de services en ligne non payés…); messages.test.ts checks them.
 */
import type { Locale } from '@/db/schema';
import enAccounts from './messages/en/accounts.json';
import enActivity from './messages/en/activity.json';
import enAuth from './messages/en/auth.json';
import enBenefits from './messages/en/benefits.json';
import enCommon from './messages/en/common.json';
import enHelp from './messages/en/help.json';
import enInventory from './messages/en/inventory.json';
import enNotices from './messages/en/notices.json';
import enOnlineServices from './messages/en/onlineServices.json';
import enOrders from './messages/en/orders.json';
import enPeople from './messages/en/people.json';
import enReports from './messages/en/reports.json';
import enSettings from './messages/en/settings.json';
import frAccounts from './messages/fr/accounts.json';
import frActivity from './messages/fr/activity.json';
import frAuth from './messages/fr/auth.json';
import frBenefits from './messages/fr/benefits.json';
import frCommon from './messages/fr/common.json';
import frHelp from './messages/fr/help.json';
import frInventory from './messages/fr/inventory.json';
import frNotices from './messages/fr/notices.json';
import frOnlineServices from './messages/fr/onlineServices.json';
import frOrders from './messages/fr/orders.json';
import frPeople from './messages/fr/people.json';
import frReports from './messages/fr/reports.json';
import frSettings from './messages/fr/settings.json';

export const messages = {
  fr: { common: frCommon, auth: frAuth, accounts: frAccounts, inventory: frInventory, benefits: frBenefits, orders: frOrders, reports: frReports, onlineServices: frOnlineServices, help: frHelp, notices: frNotices, activity: frActivity, settings: frSettings, people: frPeople },
  en: { common: enCommon, auth: enAuth, accounts: enAccounts, inventory: enInventory, benefits: enBenefits, orders: enOrders, reports: enReports, onlineServices: enOnlineServices, help: enHelp, notices: enNotices, activity: enActivity, settings: enSettings, people: enPeople },
} satisfies Record<Locale, Record<string, unknown>>;

export type Messages = (typeof messages)['fr'];
