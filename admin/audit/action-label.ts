import { useTranslate } from 'react-admin';

/** "lifecycle.inactive: left the office" → "Deactivated: left the office"; unknown actions show as recorded. */
export function useAuditActionLabel() {
  const translate = useTranslate();
  return (action: string) => {
    const [key = action, ...detail] = action.split(': ');
    const label = translate(`resources.audit.actions.${key}`, { _: key });
    return detail.length > 0 ? `${label}: ${detail.join(': ')}` : label;
  };
}
