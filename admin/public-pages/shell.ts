import type { Locale } from '../../domain/locale';
import { h } from '../shared/dom';
import { translator, type TextKey, type Translate } from './texts';

export interface Branding {
  logoUrl: string | null;
  accentColor: string | null;
  supportContact: string | null;
}

/** What a page's view draws with, and how it asks to be drawn again after a change of its state. */
export interface PublicPage {
  locale: Locale;
  t: Translate;
  render(): void;
  setLocale(locale: Locale): void;
  /** The office that sent the e-mail: its logo, its colour on the buttons, whom to ask. */
  brand(office: string, branding: Branding): void;
}

/** White or near-black text on the office's colour, whichever reads (WCAG contrast ≥ 4.5). */
function textOn(color: string) {
  const [r = 0, g = 0, b = 0] = [1, 3, 5]
    .map((at) => parseInt(color.slice(at, at + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (luminance + 0.05) >= 4.5 ? '#fff' : '#111';
}

/**
 * End-user pages: one centered card with the title, an EN/PT switch, the page's view, and the
 * office's logo and support line once known. `view` draws the page's current state; `render()`
 * draws it again (after a change of phase or language; typing updates the form in place).
 */
export function publicPage(root: HTMLElement, title: TextKey, initialLocale: Locale, view: (page: PublicPage) => Node): PublicPage {
  const logo = h('div', { class: 'logo' });
  const heading = h('h1');
  const content = h('div');
  const support = h('p', { class: 'support' });
  const switches = h('div', { class: 'languages', role: 'group' });
  let office: { name: string; contact: string | null } | null = null;

  const page: PublicPage = {
    locale: initialLocale,
    t: translator(initialLocale),
    render() {
      document.documentElement.lang = page.locale;
      document.title = page.t(title);
      heading.textContent = page.t(title);
      switches.setAttribute('aria-label', page.t('language'));
      for (const button of switches.children) button.setAttribute('aria-pressed', String(button.getAttribute('lang') === page.locale));
      support.textContent = office?.contact ? page.t('support', { office: office.name, contact: office.contact }) : '';
      support.hidden = !office?.contact;
      content.replaceChildren(view(page));
    },
    setLocale(locale) {
      page.locale = locale;
      page.t = translator(locale);
      page.render();
    },
    brand(name, branding) {
      office = { name, contact: branding.supportContact };
      if (branding.logoUrl) logo.replaceChildren(h('img', { src: branding.logoUrl, alt: name, height: '40' }));
      if (branding.accentColor && /^#[0-9a-f]{6}$/i.test(branding.accentColor)) {
        document.documentElement.style.setProperty('--accent', branding.accentColor);
        document.documentElement.style.setProperty('--on-accent', textOn(branding.accentColor));
      }
    },
  };
  const languages: [Locale, string][] = [
    ['en', 'EN'],
    ['pt-BR', 'PT'],
  ];
  for (const [locale, label] of languages) switches.append(h('button', { type: 'button', lang: locale, onclick: () => page.setLocale(locale) }, label));
  root.replaceChildren(logo, h('div', { class: 'title' }, heading, switches), content, support);
  page.render();
  return page;
}
