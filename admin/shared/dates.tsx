import { DateField, useLocaleState, type DateFieldProps } from 'react-admin';

/** Dates and times in the console's language (react-admin's DateField defaults to the browser's). */
export function LocalDateField(props: DateFieldProps) {
  const [locale] = useLocaleState();
  return <DateField showTime locales={locale} emptyText="—" {...props} />;
}

export function useFormatDateTime() {
  const [locale] = useLocaleState();
  return (value: string | number | Date | null | undefined) =>
    value === null || value === undefined ? '—' : new Date(value).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'medium' });
}
