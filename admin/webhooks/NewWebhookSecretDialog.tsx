import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { SecretBox } from '../shared/SecretBox';

/**
 * The only time the signing secret is on screen: the API keeps it encrypted and never answers it
 * again. Closes only with its button (no backdrop or Escape), so a stray click cannot lose it.
 */
export function NewWebhookSecretDialog({ url, secret, onClose }: { url: string; secret: string; onClose: () => void }) {
  const translate = useTranslate();
  return (
    <Dialog open maxWidth="sm" fullWidth data-testid="new-webhook-secret-dialog">
      <DialogTitle>{translate('resources.webhooks.new_secret.title')}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ wordBreak: 'break-all', mb: 1 }}>
          {url}
        </Typography>
        <Alert severity="warning">{translate('resources.webhooks.new_secret.warning')}</Alert>
        <SecretBox secret={secret} testId="new-webhook-secret" />
        <Typography variant="body2" color="text.secondary">
          {translate('resources.webhooks.new_secret.usage')}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose}>
          {translate('resources.webhooks.new_secret.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
