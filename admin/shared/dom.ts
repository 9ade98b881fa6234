type Child = Node | string | null | undefined | false;
type Attribute = string | boolean | null | undefined | ((event: Event) => void);

/**
 * One element, the way JSX would write it, with no framework: `on…` attributes become listeners,
 * `true`/`false` add or leave out a boolean attribute, text children are escaped by the DOM.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, Attribute> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
  for (const child of children) if (child) element.append(child);
  return element;
}
