// CPV picker: the search results' buttons fill the form's code fields (no inline script: CSP).
document.addEventListener("click", function (event) {
  var main = event.target.closest("[data-cpv-main]");
  var add = event.target.closest("[data-cpv-add]");
  if (!main && !add) return;
  var status = document.getElementById("cpv-results");
  if (main) {
    var field = document.getElementById("id_main");
    field.value = main.dataset.cpvMain;
    field.focus();
  } else {
    var list = document.getElementById("id_additional");
    var codes = list.value.split(/[\s,;]+/).filter(Boolean);
    if (codes.indexOf(add.dataset.cpvAdd) === -1) codes.push(add.dataset.cpvAdd);
    list.value = codes.join(" ");
    list.focus();
  }
});
