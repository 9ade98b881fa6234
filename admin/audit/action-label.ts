import { useTranslate } from 'react-admin';
import { useOfficeId } from '../shared/office';

/** "lifecycle.inactive: left the office" → "Deactivated: left the office"; unknown actions show as recorded. */
export function useAuditActionLabel() {
  const translate = useTranslate();
  return (action: string) => {
    const [key = action, ...detail] = action.split(': ');
    const label = translate(`resources.audit.actions.${key}`, { _: key });
    return detail.length > 0 ? `${label}: ${detail.join(': ')}` : label;
  };
}

/**
 * "System · automatic activation": who acted, in the reader's words. A system actor's recorded
 * label names the machinery (it is for operators), so an office's account reads its translated
 * name, or the type alone.
 */
export function useAuditActorLabel() {
  const translate = useTranslate();
  const { officeId } = useOfficeId();
  return (actor: { type: string; id: string | null; label: string | null }) => {
    const type = translate(`resources.audit.actor_types.${actor.type}`, { _: actor.type });
    const label =
      actor.type === 'system' && actor.id ? translate(`resources.audit.system_actors.${actor.id}`, { _: officeId ? '' : (actor.label ?? '') }) : actor.label;
    return label ? `${type} · ${label}` : type;
  };
}
