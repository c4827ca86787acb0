/// `/assets/desk.js`: the desk's one script, served from the binary (the Content-Security-
/// Policy allows scripts from the server itself and nothing inline). It opens an
/// `EventSource` on `/desk/events`, inserts a card for each offer made (built with DOM calls,
/// never markup) and removes it when the offer is taken, withdrawn or expired, and counts
/// the time left down each second. Without it the desk still works: a refresh shows the offers.
enum DeskScript {
  static let path = "/assets/desk.js"

  static var response: HTTPResponse {
    HTTPResponse(
      status: 200, headers: [("Content-Type", "text/javascript; charset=utf-8")] + Page.securityHeaders,
      body: Array(source.utf8))
  }

  static let source = """
    "use strict";
    (function () {
      var offers = document.getElementById("offers");
      var field = document.querySelector("input[name=csrf]");
      if (!offers || !field || !window.EventSource) return;
      var csrf = field.value;
      var reasons = [\(DeskPage.declineReasons.map { "\"\($0)\"" }.joined(separator: ", "))];

      function element(name, attributes, children) {
        var node = document.createElement(name);
        Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
        (children || []).forEach(function (child) {
          node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
        });
        return node;
      }

      function form(action, fields, button) {
        var children = [element("input", { type: "hidden", name: "csrf", value: csrf })].concat(fields);
        children.push(button);
        return element("form", { method: "post", action: action, "class": "inline" }, children);
      }

      function card(task) {
        var base = "/desk/tasks/" + encodeURIComponent(task.id);
        var reason = element("select", { id: "reason-" + task.id, name: "reason" },
          reasons.map(function (code) { return element("option", { value: code }, [code.replace("_", " ")]); }));
        return element("article", { "class": "card offer", id: "offer-" + task.id }, [
          element("h3", {}, [task.name]),
          element("p", {}, ["Case ",
            element("a", { href: "/desk/cases/" + encodeURIComponent(task["case"]) }, [task["case"]])]),
          element("p", {}, ["Answer within ",
            element("time", { "class": "countdown", datetime: task.offer_expires }, [""])]),
          element("div", { "class": "row" }, [
            form(base + "/accept", [], element("button", { type: "submit" }, ["Accept"])),
            form(base + "/decline",
              [element("label", { "for": "reason-" + task.id, "class": "quiet" }, ["Reason"]), reason],
              element("button", { type: "submit", "class": "secondary" }, ["Decline"]))
          ])
        ]);
      }

      function remove(id) {
        var existing = document.getElementById("offer-" + id);
        if (existing) existing.remove();
        if (!offers.querySelector(".offer") && !offers.querySelector(".empty")) {
          offers.appendChild(element("p", { "class": "empty" }, ["No offers at the moment."]));
        }
      }

      function tick() {
        offers.querySelectorAll("time.countdown").forEach(function (time) {
          var left = Math.max(0, Math.round((Date.parse(time.getAttribute("datetime")) - Date.now()) / 1000));
          time.textContent = left > 0 ? left + " s" : "no time (timed out)";
          if (left === 0) {
            var accept = time.closest(".offer").querySelector("form[action$='/accept'] button");
            if (accept) accept.disabled = true;
          }
        });
      }

      var source = new EventSource("/desk/events");
      source.addEventListener("offer.created", function (event) {
        var task = JSON.parse(event.data);
        if (!task || document.getElementById("offer-" + task.id)) return;
        var empty = offers.querySelector(".empty");
        if (empty) empty.remove();
        offers.appendChild(card(task));
        tick();
      });
      ["offer.withdrawn", "offer.expired"].forEach(function (type) {
        source.addEventListener(type, function (event) { remove(JSON.parse(event.data).task); });
      });
      source.addEventListener("task.assigned", function (event) { remove(JSON.parse(event.data).id); });
      source.addEventListener("resync", function () { window.location.reload(); });
      tick();
      window.setInterval(tick, 1000);
    })();
    """
}
