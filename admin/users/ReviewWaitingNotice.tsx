import { Alert, Button } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { useReviewCounts } from '../office/office-queries';
import { useOfficeId } from '../shared/office';

/**
 * Above an office's users list: the people its imports staged are not in the list (the API lists
 * a user once "Atualizar Contas" takes it or it is invited: data/models/user.ts `listed`), so a
 * supervisor who has just imported a file is told where they are, with the way there.
 */
export function ReviewWaitingNotice() {
  const translate = useTranslate();
  const { officeId } = useOfficeId();
  const review = useReviewCounts(officeId);
  const waiting = review.data ? review.data.counts.toMigrate + review.data.counts.inactive : 0;
  if (!officeId || waiting === 0) return null;
  return (
    <Alert
      severity="info"
      sx={{ mt: 1 }}
      data-testid="review-waiting"
      action={
        <Button color="inherit" size="small" component={Link} to="/migration">
          {translate('office.menu.review')}
        </Button>
      }
    >
      {translate('office.review_waiting', { smart_count: waiting })}
    </Alert>
  );
}
