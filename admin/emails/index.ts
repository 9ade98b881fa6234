import MailIcon from '@mui/icons-material/Mail';
import { lazyScreen } from '../shared/lazy-screen';

// Each screen is loaded when first shown (admin/shared/lazy-screen.ts).
const EmailList = lazyScreen(() => import('./EmailList'), 'EmailList');
const EmailShow = lazyScreen(() => import('./EmailShow'), 'EmailShow');

export default {
  list: EmailList,
  show: EmailShow,
  icon: MailIcon,
  recordRepresentation: (record: { subject: string; to: string }) => `${record.subject} → ${record.to}`,
};
