// On a virtual run's page: also say when the run starts in the viewer's own time zone,
// when that differs from the group's. Without JavaScript the group's local time stands alone.
(function () {
  document.querySelectorAll("[data-local-time]").forEach(function (el) {
    var when = new Date(el.getAttribute("data-local-time"));
    if (isNaN(when)) return;
    var text = when.toLocaleString(undefined, { weekday: "long", hour: "2-digit", minute: "2-digit", timeZoneName: "short" });
    el.textContent = "Where you are, that's " + text + ".";
  });
})();
