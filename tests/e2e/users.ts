/** The demo users the end-to-end tests sign in as (fixtures/demo.ts), one stored session each. */
export const PASSWORD = 'demo-licences-2026';

export const USERS = {
  adminFr: 'camille.martin@fabrikam.example',
  adminEn: 'jordan.lee@fabrikam.example',
  viewerFr: 'lucie.bernard@fabrikam.example',
  viewerEn: 'sam.taylor@fabrikam.example',
  singleAccount: 'paul.roy@contoso.example',
  partnerFr: 'mathieu.gagnon@northwind.example',
  partnerEn: 'emma.wilson@northwind.example',
  partnerAdatum: 'nadia.roux@adatum.example',
} as const;

export type Role = keyof typeof USERS;

export const storageStatePath = (role: Role) => `tests/.auth/${role}.json`;
