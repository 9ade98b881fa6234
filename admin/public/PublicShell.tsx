import { Box, Card, CardContent, CssBaseline, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { createTheme, ThemeProvider } from '@mui/material/styles';
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { defaultTheme } from 'react-admin';
import { locales, type Locale } from '../../domain/locale';
import { asLocale, browserLocale, createI18nProvider } from '../i18n';

type Translate = (key: string, options?: Record<string, unknown>) => string;
const PublicI18n = createContext<{ locale: Locale; setLocale: (locale: Locale) => void; translate: Translate } | null>(null);

/** The public pages' language: the browser's at first, then the one the page decides (the invitation's). */
export function usePublicI18n() {
  const context = useContext(PublicI18n);
  if (!context) throw new Error('usePublicI18n outside PublicShell');
  return context;
}

const theme = createTheme(defaultTheme);

/** End-user pages: no admin menu, one centered card, a language switch. */
export function PublicShell({ title, initialLocale, children }: { title: string; initialLocale?: string | null; children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>(() => (initialLocale ? asLocale(initialLocale) : browserLocale()));
  const i18n = useMemo(() => {
    const provider = createI18nProvider(locale);
    return { locale, setLocale, translate: provider.translate as Translate };
  }, [locale]);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <PublicI18n.Provider value={i18n}>
        <Box sx={{ minHeight: '100vh', bgcolor: 'grey.100', py: { xs: 2, sm: 6 }, px: 2 }} lang={locale}>
          <Card sx={{ maxWidth: 560, mx: 'auto' }}>
            <CardContent sx={{ p: { xs: 2, sm: 4 } }}>
              <Stack direction="row" sx={{ mb: 2, justifyContent: 'space-between', alignItems: 'center' }}>
                <Typography variant="h5" component="h1">
                  {i18n.translate(title)}
                </Typography>
                <ToggleButtonGroup
                  size="small"
                  exclusive
                  value={locale}
                  onChange={(_event, value: Locale | null) => value && setLocale(value)}
                  aria-label={i18n.translate('app.language')}
                >
                  {locales.map((option) => (
                    <ToggleButton key={option} value={option} lang={option}>
                      {option === 'en' ? 'EN' : 'PT'}
                    </ToggleButton>
                  ))}
                </ToggleButtonGroup>
              </Stack>
              {children}
            </CardContent>
          </Card>
        </Box>
      </PublicI18n.Provider>
    </ThemeProvider>
  );
}
