/* The review screen's decisions: an action that takes a comment opens Wagtail's own workflow
   action form in its modal (as the dashboard does), with `next` set to the screen's "done" view;
   the others post the screen's form to Wagtail's workflow action view directly. */
document.addEventListener('DOMContentLoaded', () => {
  const form = document.querySelector('[data-cchc-review-actions]');
  if (!form || !window.ModalWorkflow) return;
  const next = form.querySelector('input[name="next"]').value;
  form.querySelectorAll('[data-cchc-review-action][data-launch-modal]').forEach((button) => {
    button.addEventListener('click', (event) => {
      event.preventDefault();
      window.ModalWorkflow({
        url: button.getAttribute('formaction'),
        onload: {
          action(modal) {
            const modalForm = modal.body.find('form');
            window.jQuery('<input type="hidden" name="next">').val(next).appendTo(modalForm);
            modal.ajaxifyForm(modalForm);
          },
          success(modal, json) {
            window.location.href = json.redirect;
          },
        },
        triggerElement: button,
      });
    });
  });
});
