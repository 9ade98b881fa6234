import { Box, LinearProgress, Stack, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import type { ActivationTracker } from '../data-provider';

/** How far the office is: people active of people asked ("x de y pessoas ativas"), and of those who registered. */
export function ActivationProgress({ counts }: { counts: ActivationTracker['counts'] }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const registered = counts.registered + counts.linking + counts.active;
  return (
    <Box
      data-testid="activation-progress"
      data-active={counts.active}
      data-total={counts.total}
      data-active-of-registered={Math.round(counts.activeOfRegistered * 100)}
    >
      <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ justifyContent: 'space-between', alignItems: { sm: 'baseline' } }}>
        <Typography variant="h5" data-testid="people-active-of-total">
          {translate('office.tracker.progress', { smart_count: counts.total, active: counts.active })}
        </Typography>
        <Typography variant="h5" color="text.secondary">
          {percent.format(counts.progress)}
        </Typography>
      </Stack>
      <LinearProgress variant="determinate" value={counts.progress * 100} sx={{ my: 1, height: 10, borderRadius: 1 }} color="success" />
      <Typography color="text.secondary" data-testid="active-of-registered">
        {registered === 0
          ? translate('office.tracker.nobody_registered')
          : translate('office.tracker.of_registered', { percent: percent.format(counts.activeOfRegistered), smart_count: registered })}
      </Typography>
    </Box>
  );
}
