// The apply form: show only the fields of the kind of application chosen. Without JavaScript both show,
// and the server reads only the chosen kind's fields.
(function () {
  "use strict";
  var radios = document.querySelectorAll("input[name='Input.Kind']");
  var blocks = document.querySelectorAll(".kind-fields[data-kind]");
  if (radios.length === 0 || blocks.length < 2) return;
  function show() {
    var checked = document.querySelector("input[name='Input.Kind']:checked");
    var kind = checked ? checked.value : null;
    blocks.forEach(function (b) { b.hidden = b.getAttribute("data-kind") !== kind; });
  }
  radios.forEach(function (r) { r.addEventListener("change", show); });
  show();
})();
