// Live chat on a room's page. It joins the room over SignalR, shows messages as they arrive and sends
// without reloading. Without JavaScript, or while the connection is down, the page's own form still works.
(function () {
  "use strict";
  var list = document.getElementById("messages");
  if (!list || !window.signalR) return;
  var roomId = parseInt(list.getAttribute("data-room"), 10);
  var me = list.getAttribute("data-me");
  var moderates = list.getAttribute("data-moderate") === "yes";
  var form = document.getElementById("send");
  var box = document.getElementById("Text");
  var status = document.getElementById("send-status");
  var care = document.getElementById("care-note");
  var token = document.querySelector("input[name=__RequestVerificationToken]");
  var live = false;

  // A message's time is written as the server writes it (TimeText.Short): in the room's own time zone, the way
  // its country writes times ("5 Dec, 19:00"; in the US and Canada "5 Dec, 7:00pm"), with the year only when it
  // isn't this year. The server's text on the page is left alone; only messages arriving live are written here.
  var zone = list.getAttribute("data-time-zone") || "Europe/London";
  var twelveHour = /^(US|CA)$/i.test(list.getAttribute("data-time-country") || "");

  function partsOf(date) {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", { timeZone: zone, year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(date).forEach(function (p) { parts[p.type] = p.value; });
    return parts;
  }

  function timeText(iso) {
    var when = new Date(iso);
    if (isNaN(when)) return "";
    var p = partsOf(when), now = partsOf(new Date());
    var hour = parseInt(p.hour, 10) % 24;
    var time = twelveHour ? ((hour % 12) || 12) + ":" + p.minute + (hour < 12 ? "am" : "pm") : (hour < 10 ? "0" : "") + hour + ":" + p.minute;
    return p.day + " " + p.month + (p.year === now.year ? "" : " " + p.year) + ", " + time;
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  }

  function postButton(handler, label, hidden, messageId) {
    var f = el("form", "inline");
    f.method = "post";
    f.action = "/talk/" + roomId + "?handler=" + handler;
    if (token) f.appendChild(token.cloneNode());
    var id = el("input"); id.type = "hidden"; id.name = "messageId"; id.value = messageId; f.appendChild(id);
    var b = el("button", "link-button", label); b.type = "submit";
    b.appendChild(el("span", "visually-hidden", hidden));
    f.appendChild(b);
    return f;
  }

  function link(href, label, hidden) {
    var a = el("a", null, label); a.href = href;
    a.appendChild(el("span", "visually-hidden", hidden));
    return a;
  }

  // The same markup as the page's _Message partial. The text arrives as HTML the server made safe
  // (every character encoded, web addresses as links); nothing else is HTML.
  function fill(li, m) {
    li.textContent = "";
    var mine = m.authorId === me;
    li.className = "message" + (mine ? " mine" : "");
    var meta = el("p", "meta");
    meta.appendChild(el("strong", null, m.author));
    meta.appendChild(document.createTextNode(" "));
    var t = el("time", null, timeText(m.sentAt)); t.setAttribute("datetime", m.sentAt); meta.appendChild(t);
    if (m.edited && m.state !== "deleted") meta.appendChild(document.createTextNode(" (edited)"));
    li.appendChild(meta);
    if (m.state === "deleted") { li.appendChild(el("p", "gone", "Message deleted")); }
    else if (m.state === "hidden") { li.appendChild(el("p", "gone", "Hidden by a moderator")); }
    else {
      var body = el("p", "body"); body.innerHTML = m.html; li.appendChild(body);
      var actions = el("div", "actions");
      if (mine) {
        actions.appendChild(link("/talk/messages/" + m.id + "/edit", "Edit", " your message"));
        actions.appendChild(document.createTextNode(" "));
        actions.appendChild(postButton("Delete", "Delete", " your message", m.id));
      } else {
        actions.appendChild(link("/talk/messages/" + m.id + "/report", "Report", " " + m.author + "'s message"));
        if (moderates) {
          actions.appendChild(document.createTextNode(" "));
          actions.appendChild(postButton("Hide", "Hide", " " + m.author + "'s message", m.id));
          actions.appendChild(document.createTextNode(" "));
          actions.appendChild(link("/talk/" + roomId + "/members/" + m.authorId, "Mute or remove", " " + m.author));
        }
      }
      li.appendChild(actions);
    }
  }

  var readTimer = null, newest = 0;
  function markRead(id) {
    newest = Math.max(newest, id);
    if (readTimer || document.hidden) return;
    readTimer = setTimeout(function () { readTimer = null; connection.invoke("MarkRead", roomId, newest).catch(function () {}); }, 1000);
  }

  var connection = new signalR.HubConnectionBuilder().withUrl("/hubs/talk").withAutomaticReconnect().build();

  connection.on("message", function (m) {
    if (m.roomId !== roomId || document.getElementById("m" + m.id)) return;
    var empty = document.getElementById("no-messages");
    if (empty) empty.remove();
    var li = el("li"); li.id = "m" + m.id; li.setAttribute("data-id", m.id); li.setAttribute("data-author", m.authorId);
    fill(li, m);
    list.appendChild(li);
    if (m.authorId !== me) markRead(m.id);
  });

  connection.on("edited", function (m) {
    var li = document.getElementById("m" + m.id);
    if (!li || m.roomId !== roomId) return;
    if (m.state === "hidden" && moderates) { return; } // moderators see the hidden text on the page; a reload shows it
    if (!m.author) m.author = li.querySelector(".meta strong").textContent;
    fill(li, m);
  });

  connection.on("evicted", function (id) {
    if (id !== roomId) return;
    live = false;
    if (form) form.remove();
    var notice = el("p", "notice", "A moderator has removed you from this room.");
    notice.setAttribute("role", "status");
    list.parentNode.parentNode.insertBefore(notice, list.parentNode);
  });

  function showError(message) {
    var field = box.closest(".field");
    field.classList.add("has-error");
    var error = field.querySelector(".field-error");
    if (!error) {
      error = el("span", "field-error"); error.id = "Text-error";
      box.parentNode.insertBefore(error, box);
      box.setAttribute("aria-describedby", "text-hint Text-error");
    }
    error.textContent = "";
    error.appendChild(el("span", "visually-hidden", "Error: "));
    error.appendChild(document.createTextNode(message));
    box.focus();
  }

  function clearError() {
    var field = box.closest(".field");
    field.classList.remove("has-error");
    var error = field.querySelector(".field-error");
    if (error) error.remove();
    box.setAttribute("aria-describedby", "text-hint");
  }

  if (form) {
    form.addEventListener("submit", function (e) {
      if (!live) return; // the plain form posts as usual
      e.preventDefault();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      status.textContent = "Sending…";
      connection.invoke("Send", roomId, box.value).then(function (reply) {
        if (reply.ok) {
          clearError();
          box.value = "";
          status.textContent = "Sent.";
          if (reply.needsCare && care) { care.hidden = false; care.focus(); }
        } else {
          status.textContent = "";
          showError(reply.error);
        }
      }).catch(function () {
        live = false;
        form.submit(); // the connection dropped: send the plain way, nothing typed is lost
      }).finally(function () { button.disabled = false; });
    });
    box.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); form.requestSubmit(); }
    });
  }

  function join() {
    return connection.invoke("Join", roomId).then(function (reply) { live = reply.ok; list.setAttribute("data-live", live ? "yes" : "no"); });
  }
  connection.onreconnecting(function () { live = false; list.setAttribute("data-live", "no"); });
  connection.onreconnected(join);
  connection.start().then(join).catch(function () { live = false; });
  if (location.hash === "" && list.lastElementChild) list.lastElementChild.scrollIntoView({ block: "end" });
})();
