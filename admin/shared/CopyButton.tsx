import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { Button, useNotify } from 'react-admin';

/**
 * Copies a secret shown once (a new API key, a generated password). The clipboard needs a secure
 * context and the browser's consent; when refused, the admin is told to copy the text by hand.
 */
export function CopyButton({ text }: { text: string }) {
  const notify = useNotify();
  return (
    <Button
      label="app.copy"
      data-testid="copy-secret"
      onClick={() =>
        navigator.clipboard
          .writeText(text)
          .then(() => notify('app.copied', { type: 'info' }))
          .catch(() => notify('app.copy_failed', { type: 'warning' }))
      }
    >
      <ContentCopyIcon />
    </Button>
  );
}
