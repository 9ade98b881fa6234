import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import { List, ListItem, ListItemIcon, ListItemText } from '@mui/material';
import { PASSWORD_MIN_LENGTH, type PasswordChecks } from '../../domain/password';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The password rules ticked off as they are met, under a new password and its confirmation: on
 * the registration page and in the admins' reset dialog, with the checks the API applies
 * (domain/password.ts). `translate` is the page's own (the public pages have no react-admin).
 */
export function PasswordRules({ checks, translate }: { checks: PasswordChecks; translate: Translate }) {
  const rules = [
    { ok: checks.length, label: translate('public.rule_length', { min: PASSWORD_MIN_LENGTH }) },
    { ok: checks.lettersAndDigits, label: translate('public.rule_letters_digits') },
    { ok: checks.match, label: translate('public.rule_match') },
  ];
  return (
    <List dense disablePadding data-testid="password-rules">
      {rules.map((rule) => (
        <ListItem key={rule.label} disableGutters sx={{ py: 0 }} data-ok={rule.ok}>
          <ListItemIcon sx={{ minWidth: 32 }}>
            {rule.ok ? <CheckCircleIcon color="success" fontSize="small" /> : <RadioButtonUncheckedIcon color="disabled" fontSize="small" />}
          </ListItemIcon>
          <ListItemText primary={rule.label} slotProps={{ primary: { variant: 'body2' } }} />
        </ListItem>
      ))}
    </List>
  );
}
