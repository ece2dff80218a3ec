// On a virtual run's page: also say when the run starts in the viewer's own time zone, when that differs from
// the group's. The time is written the way the group's country writes times (TimeText: "19:00", or "7:00pm" in
// the US and Canada), and no zone abbreviation is shown. Without JavaScript the group's local time stands alone.
(function () {
  document.querySelectorAll("[data-local-time]").forEach(function (el) {
    var when = new Date(el.getAttribute("data-local-time"));
    if (isNaN(when)) return;
    var here = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!here || here === el.getAttribute("data-time-zone")) return;
    var parts = {};
    new Intl.DateTimeFormat("en-GB", { timeZone: here, weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(when).forEach(function (p) { parts[p.type] = p.value; });
    var hour = parseInt(parts.hour, 10) % 24;
    var time = /^(US|CA)$/i.test(el.getAttribute("data-time-country") || "")
      ? ((hour % 12) || 12) + ":" + parts.minute + (hour < 12 ? "am" : "pm")
      : (hour < 10 ? "0" : "") + hour + ":" + parts.minute;
    el.textContent = "Where you are, that's " + parts.weekday + " " + parts.day + " " + parts.month + ", " + time + ".";
  });
})();
