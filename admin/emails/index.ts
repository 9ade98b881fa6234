import MailIcon from '@mui/icons-material/Mail';
import { EmailList } from './EmailList';
import { EmailShow } from './EmailShow';

export default {
  list: EmailList,
  show: EmailShow,
  icon: MailIcon,
  recordRepresentation: (record: { subject: string; to: string }) => `${record.subject} → ${record.to}`,
};
