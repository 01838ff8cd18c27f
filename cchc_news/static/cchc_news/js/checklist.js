/*
 * Keeps the news item's checklist in step with the unsaved form (cchc_news/checklist_views.py).
 *
 * When the form's data differ from those last checked (typing, a chooser filling a hidden
 * input, Draftail writing its content), the form is posted, a moment after the last change,
 * to the checklist endpoint; the side panel, its toggle's counter, the summary at the top
 * of the form and the rules listed beside "publish without review" are redrawn from the answer. Files are never sent. A failed request leaves the
 * last result on screen, says so, and is tried again later.
 *
 * On a wide screen the checklist side panel opens by itself for an editor who has never chosen
 * a side panel; afterwards Wagtail remembers which panel the editor keeps open.
 */
(() => {
  const PANEL = 'cchc-checklist';
  const DELAY = 700; // ms after the last change
  const POLL = 2000; // changes that fire no event (choosers, Draftail) are noticed this often
  const RETRY = 10000; // after a failure, wait this long unless the editor types
  const OPEN_KEY = 'wagtail:side-panel-open'; // Wagtail's own memory of the open side panel

  const textOf = (html) => {
    const element = document.createElement('div');
    element.innerHTML = html;
    return element.textContent.replace(/\s+/g, ' ').trim();
  };

  const start = () => {
    const live = document.querySelector('[data-cchc-checklist-live]');
    const form = document.querySelector('form[data-edit-form]');
    if (!live || !form) return;
    const panel = live.closest('[data-side-panel]');
    const toggle = document.querySelector(`[data-side-panel-toggle="${PANEL}"]`);
    const counter = toggle && toggle.querySelector('[data-side-panel-toggle-counter]');
    const rules = live.querySelector('[data-cchc-checklist-rules]');
    const error = live.querySelector('[data-cchc-checklist-error]');
    const announce = live.querySelector('[data-cchc-checklist-announce]');
    const defaultError = error.textContent.trim();

    const openPanel = () => panel && panel.dispatchEvent(new CustomEvent('open'));
    document.querySelectorAll('[data-cchc-checklist-open]').forEach((button) => {
      button.addEventListener('click', openPanel);
    });
    if (!live.dataset.url) return; // nothing to check against: the rules stay as rendered

    const formData = () => {
      const data = new FormData(form);
      [...data.entries()]
        .filter(([, value]) => value instanceof File)
        .forEach(([key]) => data.delete(key));
      return data;
    };
    const fingerprint = (data) => new URLSearchParams(data).toString();

    let checked = fingerprint(formData());
    let failed = counter ? Number(counter.textContent.trim()) || 0 : 0;
    let timer = null;
    let request = null; // the check under way, and the data it sent
    let pending = null;
    let quietUntil = 0;

    // The footer's main button, as the server chose it from the saved item's checklist
    // ("Gửi duyệt" when it passes, "Lưu bản nháp" otherwise), follows the typing too: the
    // two buttons swap places between the main slot and the menu beside it.
    const footer = form.querySelector('footer .w-dropdown-button');
    const mainAction = (passes) => {
      const main = footer && footer.firstElementChild;
      const submit = footer && footer.querySelector('button[name="action-submit"]');
      const save = footer && footer.querySelector('button.action-save');
      if (!submit || !save || (main !== submit && main !== save)) return; // another action leads
      const wanted = passes ? submit : save;
      if (main === wanted) return;
      const mark = document.createComment('');
      wanted.replaceWith(mark);
      main.replaceWith(wanted);
      mark.replaceWith(main);
    };

    const redraw = (result) => {
      rules.innerHTML = result.rules_html;
      document.querySelectorAll('[data-cchc-checklist-summary]').forEach((summary) => {
        summary.innerHTML = result.summary_html; // eslint-disable-line no-param-reassign
      });
      document.querySelectorAll('[data-cchc-checklist-failing]').forEach((failing) => {
        failing.innerHTML = result.failing_html; // eslint-disable-line no-param-reassign
      });
      if (counter) {
        counter.textContent = result.failed;
        counter.hidden = result.failed === 0;
      }
      if (result.failed !== failed) {
        announce.textContent = textOf(result.summary_html);
        failed = result.failed;
      }
      live.dispatchEvent(
        new CustomEvent('cchc-checklist:updated', { bubbles: true, detail: { failed: result.failed } }),
      );
      mainAction(result.failed === 0);
    };

    const check = async () => {
      const data = formData();
      const print = fingerprint(data);
      if (print === checked || (request && print === pending)) return;
      if (request) request.abort();
      const controller = new AbortController();
      request = controller;
      pending = print;
      try {
        const response = await fetch(live.dataset.url, {
          method: 'POST',
          body: data,
          credentials: 'same-origin',
          headers: { 'X-Requested-With': 'XMLHttpRequest' },
          signal: controller.signal,
        });
        const result = await response.json().catch(() => ({}));
        if (!response.ok || !result.rules_html) {
          throw Object.assign(new Error('checklist refused'), { shown: result.error });
        }
        redraw(result);
        checked = print;
        error.hidden = true;
      } catch (failure) {
        if (failure.name === 'AbortError') return;
        error.textContent = failure.shown || defaultError; // never the browser's English
        error.hidden = false;
        quietUntil = Date.now() + RETRY;
      } finally {
        if (request === controller) request = null;
      }
    };

    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        check();
      }, DELAY);
    };
    const typed = () => {
      quietUntil = 0;
      schedule();
    };
    form.addEventListener('input', typed);
    form.addEventListener('change', typed);
    setInterval(() => {
      if (!document.hidden && !timer && Date.now() >= quietUntil) check();
    }, POLL);

    window.addEventListener('load', () => {
      try {
        const roomy = window.matchMedia('(min-width: 75em)').matches; // else it covers the form
        if (roomy && window.localStorage.getItem(OPEN_KEY) === null) setTimeout(openPanel);
      } catch (ignored) {
        // Storage refused (private mode): Wagtail then remembers nothing either.
      }
    });
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
