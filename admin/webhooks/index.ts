import WebhookIcon from '@mui/icons-material/Webhook';
import { WebhookCreate } from './WebhookCreate';
import { WebhookEdit } from './WebhookEdit';
import { WebhookList } from './WebhookList';
import { WebhookShow } from './WebhookShow';

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
