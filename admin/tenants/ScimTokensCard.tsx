import AddIcon from '@mui/icons-material/Add';
import BlockIcon from '@mui/icons-material/Block';
import {
  Alert,
  Button,
  Card,
  CardContent,
  CardHeader,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Confirm, useCanAccess, useDataProvider, useNotify, useRecordContext, useTranslate } from 'react-admin';
import type { AdminDataProvider, ScimTokenRecord } from '../data-provider';
import { useFormatDateTime } from '../shared/dates';
import { SecretBox } from '../shared/SecretBox';

/**
 * The tenant's SCIM provisioning (Okta, Microsoft Entra): its bearer tokens, each shown once at
 * creation with the base URL to type into the identity provider, and revoked with a
 * confirmation. Admin role only: a platform account for every office, an office's account for its own (as with API keys).
 */
export function ScimTokensCard() {
  const tenant = useRecordContext<{ id: string; name: string }>();
  const tenantId = tenant?.id ?? '';
  const translate = useTranslate();
  const label = (key: string, options?: Record<string, unknown>) => translate(`resources.tenants.scim.${key}`, options);
  const formatDateTime = useFormatDateTime();
  const notify = useNotify();
  const dataProvider = useDataProvider<AdminDataProvider>();
  const queryClient = useQueryClient();
  const { canAccess: canRead = false } = useCanAccess({ resource: 'scim-tokens', action: 'list' });
  const { canAccess: canWrite = false } = useCanAccess({ resource: 'scim-tokens', action: 'create' });
  const tokens = useQuery({ queryKey: ['scim-tokens', tenantId], queryFn: () => dataProvider.scimTokens(tenantId), enabled: Boolean(tenantId) && canRead });
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; token: string; baseUrl: string } | null>(null);
  const [revoking, setRevoking] = useState<ScimTokenRecord | null>(null);
  const reload = () => queryClient.invalidateQueries({ queryKey: ['scim-tokens', tenantId] });
  const onError = (error: Error) => notify(error.message, { type: 'error' });
  const create = useMutation({
    mutationFn: () => dataProvider.createScimToken(tenantId, name.trim()),
    onSuccess: (answer) => {
      setNaming(false);
      setName('');
      setCreated({ name: answer.name, token: answer.token, baseUrl: answer.baseUrl });
      void reload();
    },
    onError,
  });
  const revoke = useMutation({
    mutationFn: (tokenId: string) => dataProvider.revokeScimToken(tokenId),
    onSuccess: () => {
      setRevoking(null);
      notify('resources.tenants.scim.revoked', { type: 'info' });
      void reload();
    },
    onError,
  });
  if (!canRead || !tenant) return null;

  return (
    <Card variant="outlined" sx={{ mt: 2 }} data-testid="scim-card">
      <CardHeader
        title={label('title')}
        subheader={label('subheader')}
        slotProps={{ title: { variant: 'h6' } }}
        action={
          canWrite && (
            <Button startIcon={<AddIcon />} onClick={() => setNaming(true)}>
              {label('create')}
            </Button>
          )
        }
      />
      <CardContent>
        {tokens.data?.length ? (
          <Table size="small">
            <TableHead>
              <TableRow>
                {['name', 'prefix', 'createdAt', 'lastUsedAt', 'state'].map((column) => (
                  <TableCell key={column}>{label(`columns.${column}`)}</TableCell>
                ))}
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {tokens.data.map((token) => (
                <TableRow key={token.id} data-testid="scim-token-row">
                  <TableCell>{token.name}</TableCell>
                  <TableCell>
                    <code>{token.prefix}…</code>
                  </TableCell>
                  <TableCell>{formatDateTime(token.createdAt)}</TableCell>
                  <TableCell>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : '—'}</TableCell>
                  <TableCell>{label(token.revokedAt ? 'state_revoked' : 'state_active')}</TableCell>
                  <TableCell align="right">
                    {canWrite && !token.revokedAt && (
                      <Button color="error" size="small" startIcon={<BlockIcon />} onClick={() => setRevoking(token)}>
                        {label('revoke')}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : (
          <Typography variant="body2" color="text.secondary">
            {label('empty')}
          </Typography>
        )}
      </CardContent>

      <Dialog open={naming} onClose={() => setNaming(false)} maxWidth="xs" fullWidth>
        <DialogTitle>{label('create')}</DialogTitle>
        <DialogContent>
          <TextField
            autoFocus
            fullWidth
            margin="dense"
            name="scimTokenName"
            label={label('name')}
            helperText={label('name_help')}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setNaming(false)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" disabled={!name.trim() || create.isPending} onClick={() => create.mutate()}>
            {label('create')}
          </Button>
        </DialogActions>
      </Dialog>

      {created && (
        // Closes only with its button: a stray click must not lose the token, which is never shown again.
        <Dialog open maxWidth="sm" fullWidth data-testid="new-scim-token-dialog">
          <DialogTitle>{label('new_token.title', { name: created.name })}</DialogTitle>
          <DialogContent>
            <Alert severity="warning">{label('new_token.warning')}</Alert>
            <Typography variant="subtitle2">{label('new_token.base_url')}</Typography>
            <SecretBox secret={created.baseUrl} testId="new-scim-base-url" />
            <Typography variant="subtitle2">{label('new_token.token')}</Typography>
            <SecretBox secret={created.token} testId="new-scim-token" />
          </DialogContent>
          <DialogActions>
            <Button variant="contained" onClick={() => setCreated(null)}>
              {label('new_token.close')}
            </Button>
          </DialogActions>
        </Dialog>
      )}

      <Confirm
        isOpen={revoking !== null}
        loading={revoke.isPending}
        title="resources.tenants.scim.revoke_title"
        titleTranslateOptions={{ name: revoking?.name ?? '' }}
        content="resources.tenants.scim.revoke_content"
        confirm="resources.tenants.scim.revoke"
        confirmColor="warning"
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
        onClose={() => setRevoking(null)}
      />
    </Card>
  );
}
