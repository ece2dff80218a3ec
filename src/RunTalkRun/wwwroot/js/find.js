// "Use my location" on the find-a-run page. Without JavaScript (or without permission) the
// place search still works. The position is rounded to about a kilometre and never stored.
(function () {
  var holder = document.querySelector("[data-use-location]");
  if (!holder || !navigator.geolocation) return;
  var button = document.createElement("button");
  button.type = "button";
  button.className = "secondary";
  button.textContent = "Use my location";
  var status = document.getElementById("location-status");
  button.addEventListener("click", function () {
    button.disabled = true;
    if (status) status.textContent = "Finding where you are…";
    navigator.geolocation.getCurrentPosition(function (p) {
      window.location.href = "/groups?near=" + p.coords.latitude.toFixed(2) + "," + p.coords.longitude.toFixed(2) + "&place=your+location";
    }, function () {
      button.disabled = false;
      if (status) status.textContent = "We couldn't get your location. Type a town or city instead.";
    }, { timeout: 10000, maximumAge: 600000 });
  });
  holder.appendChild(button);
})();
