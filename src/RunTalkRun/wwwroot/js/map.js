// Draws the page's map with Leaflet, from the JSON data block beside it. The page is complete
// without this: the same groups are listed below the map, and without tiles the markers still show.
(function () {
  "use strict";
  var el = document.querySelector("[data-map]");
  var dataEl = document.getElementById("map-data");
  if (!el || !dataEl || !window.L) return;
  var data = JSON.parse(dataEl.textContent);
  var points = data.points || [];
  var picker = data.pickerFor ? document.getElementById(data.pickerFor) : null;
  if (points.length === 0 && !data.you && !picker) return;

  el.hidden = false;
  var map = L.map(el, { preferCanvas: true, scrollWheelZoom: false, worldCopyJump: true });
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: el.dataset.attribution || "" }).addTo(map);
  } else {
    el.classList.add("map-no-tiles");
  }

  // Leaflet puts a string given to bindTooltip or bindPopup in as HTML: everything from the data
  // goes in as a DOM node holding text, so a name like "<img ...>" shows as it was typed.
  function textNode(text) {
    var span = document.createElement("span");
    span.textContent = text == null ? "" : String(text);
    return span;
  }

  function popup(p) {
    var box = document.createElement("div");
    var title = document.createElement(p.href ? "a" : "strong");
    title.textContent = p.name == null ? "" : String(p.name);
    if (p.href) title.href = p.href;
    box.appendChild(title);
    if (p.text) {
      var text = document.createElement("p");
      text.textContent = String(p.text);
      box.appendChild(text);
    }
    return box;
  }

  var bounds = [];
  points.forEach(function (p) {
    L.circleMarker([p.lat, p.lon], { radius: 8, weight: 2, color: "#0b5c55", fillColor: "#14857a", fillOpacity: 0.9 })
      .bindPopup(popup(p)).bindTooltip(textNode(p.name)).addTo(map);
    bounds.push([p.lat, p.lon]);
  });
  if (data.you) {
    L.circleMarker([data.you.lat, data.you.lon], { radius: 6, weight: 3, color: "#24303a", fillColor: "#ffffff", fillOpacity: 1 })
      .bindTooltip(textNode(data.you.name)).addTo(map);
    bounds.push([data.you.lat, data.you.lon]);
  }

  // Nearby results: fit them all. The directory of every group: the whole world.
  if (bounds.length === 1) map.setView(bounds[0], 13);
  else if (bounds.length > 1 && bounds.length <= 200) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 13 });
  else map.setView([25, 0], 2);

  if (picker) {
    // Click the map to set the meeting point's coordinates in the form.
    var marker = null;
    var parts = (picker.value || "").split(",").map(Number);
    if (parts.length === 2 && !isNaN(parts[0]) && !isNaN(parts[1])) {
      marker = L.marker([parts[0], parts[1]], { keyboard: false, alt: "" }).addTo(map);
      map.setView(marker.getLatLng(), 15);
    }
    map.on("click", function (e) {
      var lat = e.latlng.lat.toFixed(5), lon = L.Util.wrapNum(e.latlng.lng, [-180, 180], true).toFixed(5);
      picker.value = lat + ", " + lon;
      if (marker) marker.setLatLng(e.latlng); else marker = L.marker(e.latlng, { keyboard: false, alt: "" }).addTo(map);
    });
  }
})();
(function () {
  "use strict";
  var hint = document.querySelector("[data-picker-hint]");
  if (hint && window.L) hint.hidden = false;
})();
