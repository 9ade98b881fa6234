import SearchIcon from '@mui/icons-material/Search';
import { InputAdornment, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';

/**
 * The review's search box: the users list's `q` (name words or e-mail start, case and accents
 * ignored), sent once typing pauses, as react-admin's SearchInput does for lists.
 */
export function ReviewSearch({ onSearch }: { onSearch: (q: string) => void }) {
  const translate = useTranslate();
  const [text, setText] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => onSearch(text.trim()), 400);
    return () => clearTimeout(timer);
  }, [text, onSearch]);
  return (
    <TextField
      size="small"
      name="review-q"
      value={text}
      onChange={(event) => setText(event.target.value)}
      placeholder={translate('resources.tenants.migration.search')}
      sx={{ maxWidth: 360 }}
      slotProps={{
        input: {
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon fontSize="small" />
            </InputAdornment>
          ),
        },
        htmlInput: { 'aria-label': translate('resources.tenants.migration.search') },
      }}
    />
  );
}
