// Any address the router does not know.
import { t } from '../i18n.js';
import { h } from '../ui.js';

export function render(main) {
  main.replaceChildren(
    h('div', { class: 'state state-empty', testid: 'not-found' },
      h('h1', {}, t('notFound.title')),
      h('a', { href: '/' }, t('notFound.back'))));
}
