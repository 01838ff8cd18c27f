/*
 * Readable ASCII slugs from Vietnamese titles in the page editor, made as the server makes
 * them (cchc_news/slugs.py: anyascii, then Django's slugify, at most 80 characters).
 *
 * Wagtail syncs the title to the slug (w-sync on the title, w-slug on the slug), but its
 * transliteration drops or mangles Vietnamese letters: "Đẩy mạnh" becomes "djy-mnh". The
 * title reaches the slug controller in the detail of the w-sync:check and w-sync:apply
 * events; listening in the capture phase, this script replaces that title with the
 * server's slug before the slug controller reads it. Wagtail's urlify leaves a slug as it
 * is, so the sync itself, its check that the slug was not edited by hand, and Wagtail's own
 * handling of a slug typed by hand all keep working as Wagtail designed them.
 */
(() => {
  const MAX_LENGTH = 80; // cchc_news.slugs.MAX_SLUG_LENGTH
  // Letters and marks that canonical decomposition (NFD) does not reduce to ASCII.
  const REPLACEMENTS = { đ: 'd', Đ: 'D', ð: 'd', Ð: 'D', '–': '-', '—': '-', '‑': '-' };
  const REPLACED = new RegExp(`[${Object.keys(REPLACEMENTS).join('')}]`, 'g');
  const COMBINING_MARKS = /[\u0300-\u036f]/g;

  const isSlugInput = (element) =>
    element instanceof HTMLInputElement &&
    (element.dataset.controller || '').split(/\s+/).includes('w-slug');

  /* Vietnamese as anyascii writes it: tone and vowel marks removed, đ → d. */
  const toAscii = (text) =>
    text
      .normalize('NFD')
      .replace(COMBINING_MARKS, '')
      .replace(REPLACED, (character) => REPLACEMENTS[character]);

  /* cchc_news.slugs.vietnamese_slugify */
  const vietnameseSlugify = (text) => {
    let slug = toAscii(text)
      .toLowerCase()
      .replace(/[^\w\s-]/g, '')
      .replace(/[-\s]+/g, '-')
      .replace(/^[-_]+|[-_]+$/g, '');
    if (slug.length > MAX_LENGTH) {
      const cut = slug.slice(0, MAX_LENGTH);
      const lastHyphen = cut.lastIndexOf('-');
      slug = lastHyphen > 0 ? cut.slice(0, lastHyphen) : cut;
    }
    return slug;
  };

  ['w-sync:check', 'w-sync:apply'].forEach((type) => {
    document.addEventListener(
      type,
      (event) => {
        const { detail } = event;
        if (isSlugInput(event.target) && detail && typeof detail.value === 'string') {
          detail.value = vietnameseSlugify(detail.value);
        }
      },
      true,
    );
  });

  // A slug typed by hand: Wagtail's slugify on blur would drop every letter with a mark.
  document.addEventListener(
    'blur',
    (event) => {
      if (isSlugInput(event.target)) {
        event.target.value = toAscii(event.target.value);
      }
    },
    true,
  );
})();
