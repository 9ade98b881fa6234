import { h } from '../shared/dom';

/** A labelled input whose value the page keeps (so drawing the page again, in the other language, keeps what was typed). */
export function field(options: { name: string; label: string; type: string; autocomplete: string; value: string; onInput: (value: string) => void }) {
  const id = `field-${options.name}`;
  const input = h('input', { id, name: options.name, type: options.type, autocomplete: options.autocomplete, required: true, value: options.value });
  input.addEventListener('input', () => options.onInput(input.value));
  return h('div', { class: 'field' }, h('label', { for: id }, options.label), input);
}

/** A message box: a bold title (optional) over its text. */
export function alertBox(severity: 'success' | 'info' | 'warning' | 'error', text: string, attributes: Record<string, string> = {}, title?: string) {
  return h(
    'div',
    { class: `alert ${severity}`, role: severity === 'error' ? 'alert' : 'status', ...attributes },
    title ? h('strong', {}, title) : null,
    h('p', {}, text),
  );
}
