import WebhookIcon from '@mui/icons-material/Webhook';
import { lazyScreen } from '../shared/lazy-screen';

// Each screen is loaded when first shown (admin/shared/lazy-screen.ts).
const WebhookCreate = lazyScreen(() => import('./WebhookCreate'), 'WebhookCreate');
const WebhookEdit = lazyScreen(() => import('./WebhookEdit'), 'WebhookEdit');
const WebhookList = lazyScreen(() => import('./WebhookList'), 'WebhookList');
const WebhookShow = lazyScreen(() => import('./WebhookShow'), 'WebhookShow');

/**
 * Webhook endpoints (resource `webhooks`), for the admin role only (App.tsx): where lifecycle
 * events go, with each endpoint's delivery log and its Resend button on the show page.
 */
export default {
  list: WebhookList,
  create: WebhookCreate,
  edit: WebhookEdit,
  show: WebhookShow,
  icon: WebhookIcon,
  recordRepresentation: (record: { description: string | null; url: string }) => record.description || record.url,
};
