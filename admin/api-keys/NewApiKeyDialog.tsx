import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { SecretBox } from '../shared/SecretBox';

/**
 * The only time the key is on screen: the API keeps a hash. The dialog closes only with its button
 * (no onClose: a backdrop click or Escape does nothing), so a stray click cannot lose the key.
 */
export function NewApiKeyDialog({ name, apiKey, onClose }: { name: string; apiKey: string; onClose: () => void }) {
  const translate = useTranslate();
  return (
    <Dialog open maxWidth="sm" fullWidth data-testid="new-api-key-dialog">
      <DialogTitle>{translate('resources.api-keys.new_key.title', { name })}</DialogTitle>
      <DialogContent>
        <Alert severity="warning">{translate('resources.api-keys.new_key.warning')}</Alert>
        <SecretBox secret={apiKey} testId="new-api-key" />
        <Typography variant="body2" color="text.secondary">
          {translate('resources.api-keys.new_key.usage')}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose}>
          {translate('resources.api-keys.new_key.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
