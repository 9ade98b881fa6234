import KeyIcon from '@mui/icons-material/Key';
import { lazyScreen } from '../shared/lazy-screen';

// Each screen is loaded when first shown (admin/shared/lazy-screen.ts).
const ApiKeyCreate = lazyScreen(() => import('./ApiKeyCreate'), 'ApiKeyCreate');
const ApiKeyList = lazyScreen(() => import('./ApiKeyList'), 'ApiKeyList');
const ApiKeyShow = lazyScreen(() => import('./ApiKeyShow'), 'ApiKeyShow');

/**
 * Integration API keys (resource `api-keys`), for the admin role only (App.tsx). No edit: a key
 * changes only by being revoked, which its own button does.
 */
export default {
  list: ApiKeyList,
  create: ApiKeyCreate,
  show: ApiKeyShow,
  icon: KeyIcon,
  recordRepresentation: 'name',
};
