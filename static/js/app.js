// Small progressive enhancements; every form still works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Selects in forms marked data-autosubmit submit on change; their button stays for keyboard users.
  document.querySelectorAll("form[data-autosubmit] select").forEach((select) => {
    select.addEventListener("change", () => select.form.requestSubmit());
  });
});
