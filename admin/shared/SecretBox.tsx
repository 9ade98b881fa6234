import { Box, Stack } from '@mui/material';
import { CopyButton } from './CopyButton';

/** A secret shown once, in a monospace box that selects whole on click, with its copy button. */
export function SecretBox({ secret, testId }: { secret: string; testId: string }) {
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', my: 2 }}>
      <Box
        component="code"
        data-testid={testId}
        onClick={(event) => window.getSelection()?.selectAllChildren(event.currentTarget)}
        sx={{ flex: 1, p: 1.5, borderRadius: 1, bgcolor: 'action.hover', fontFamily: 'monospace', fontSize: 15, wordBreak: 'break-all', userSelect: 'all' }}
      >
        {secret}
      </Box>
      <CopyButton text={secret} />
    </Stack>
  );
}
