/**
 * Lookups that several parts of one page make — its generateMetadata (the
 * title) and the page itself, the page and the shell's print line — made
 * once per request. React's cache() answers a second call with the same
 * arguments in the same request with the first call's promise; arguments are
 * compared by identity, and the handle (database()) and the viewer
 * (requireViewer(), itself cached) are the same objects throughout a request.
 * Outside a request (scripts, tests) every call runs the query.
 */
import 'server-only';
import { cache } from 'react';
import { resolveAccountSelection } from '@/lib/accounts/queries';
import { getDataUpdatedAt } from '@/lib/inventory/queries';

/** resolveAccountSelection, once per request for the same viewer and `account=`. */
export const accountSelectionOf = cache(resolveAccountSelection);

/** getDataUpdatedAt, once per request for the same viewer. */
export const dataUpdatedAtOf = cache(getDataUpdatedAt);
