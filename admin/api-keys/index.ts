import KeyIcon from '@mui/icons-material/Key';
import { ApiKeyCreate } from './ApiKeyCreate';
import { ApiKeyList } from './ApiKeyList';
import { ApiKeyShow } from './ApiKeyShow';

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
