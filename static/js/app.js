// Small progressive enhancements; every form still works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Selects in forms marked data-autosubmit submit on change; their button stays for keyboard users.
  document.querySelectorAll("form[data-autosubmit] select").forEach((select) => {
    select.addEventListener("change", () => select.form.requestSubmit());
  });
});

// After htmx replaces a part of the page the pressed button is gone and keyboard focus falls back to
// <body>. Put it back on the same list item (data-criterion / data-requirement), else on the swapped
// part, so a keyboard user goes on from where they were (WCAG 2.4.3).
let focusItem = null;
document.addEventListener("htmx:beforeRequest", (event) => {
  const item = event.detail.elt.closest("[data-criterion], [data-requirement]");
  focusItem = item ? Object.entries(item.dataset).find(([key]) => key === "criterion" || key === "requirement") : null;
});
document.addEventListener("htmx:afterSettle", (event) => {
  if (document.activeElement && document.activeElement !== document.body) return;
  const [key, value] = focusItem || [];
  const item = key && document.querySelector(`[data-${key}="${CSS.escape(value)}"]`);
  const control =
    item && (item.querySelector("button:not([disabled])") || item.querySelector("a[href], input:not([type=hidden]), select, textarea"));
  if (control) {
    control.focus();
  } else if (event.detail.target) {
    event.detail.target.setAttribute("tabindex", "-1");
    event.detail.target.focus();
  }
});
