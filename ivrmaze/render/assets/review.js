/* ivrmaze review page: time and intent selectors, finding highlights, zoom. No network, no eval. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("ivm-data").textContent);
  var box = document.getElementById("ivm-diagram");
  var svg = box.querySelector("svg");
  var timeSel = document.getElementById("ivm-time");
  var intentSel = document.getElementById("ivm-intent");
  var status = document.getElementById("ivm-status");
  var groups = svg ? Array.prototype.slice.call(svg.querySelectorAll("g.node, g.edge")) : [];
  var base = new Map();
  var aliases = {};  // node id -> its refs (the same node drawn again in big mazes)
  groups.forEach(function (g) {
    var cls = g.getAttribute("class") || "";
    base.set(g, cls);
    cls.split(" ").forEach(function (c) {
      if (c.indexOf("alias-") === 0) { (aliases[c.slice(6)] = aliases[c.slice(6)] || []).push(g.id); }
    });
  });
  var cur = { time: -1, intent: data.preselect || "", hl: [], link: null };

  function stateIndex() { return cur.time < 0 ? -1 : data.windows[cur.time].state; }
  function stateOf() { var i = stateIndex(); return i < 0 ? data.week : data.states[i]; }
  function view(st) {
    var v = st.views[cur.intent] || st.views[""];
    if (!v && !st.analysed) { v = data.week.views[cur.intent] || data.week.views[""]; }
    return v || { nodes: {}, edges: {}, route: null };
  }
  function text(el, s) { el.textContent = s; }

  function apply() {
    var st = stateOf();
    var marks = new Map();
    function add1(id, cls) {
      if (!marks.has(id)) { marks.set(id, []); }
      var list = marks.get(id);
      if (list.indexOf(cls) < 0) { list.push(cls); }
    }
    function add(id, cls) {
      add1(id, cls);
      (aliases[id] || []).forEach(function (a) { add1(a, cls); });
    }
    st.closed.forEach(function (n) { add(n, "mark-closed"); });
    st.dead.forEach(function (e) { add(e, "mark-dead"); });
    var v = view(st);
    Object.keys(v.nodes).forEach(function (n) { v.nodes[n].forEach(function (m) { add(n, "mark-" + m); }); });
    Object.keys(v.edges).forEach(function (e) { v.edges[e].forEach(function (m) { add(e, "mark-" + m); }); });
    if (cur.intent && data.resolvers[cur.intent]) {
      data.resolvers[cur.intent].forEach(function (n) { add(n, "mark-resolves"); });
    }
    cur.hl.forEach(function (n) { add(n, "hl"); });
    groups.forEach(function (g) {
      var own = base.get(g).split(" ");  // marks drawn in already (--at: closed queues) stay once
      var extra = (marks.get(g.id) || []).filter(function (c) { return own.indexOf(c) < 0; });
      g.setAttribute("class", extra.length ? base.get(g) + " " + extra.join(" ") : base.get(g));
    });
    var si = String(stateIndex());
    var lists = document.querySelectorAll("ol.findings");
    var shown = false;
    Array.prototype.forEach.call(lists, function (ol) {
      var on = ol.getAttribute("data-state") === si;
      ol.hidden = !on;
      shown = shown || on;
    });
    if (!shown) { document.querySelector('ol.findings[data-state="-1"]').hidden = false; }
    filterFindings();
    Array.prototype.forEach.call(document.querySelectorAll("#ivm-metrics tbody tr"), function (tr) {
      var states = (tr.getAttribute("data-states") || "").split(" ");
      tr.classList.toggle("inactive", cur.time >= 0 && states.indexOf(si) < 0);
      tr.classList.toggle("current", cur.time >= 0 && states.indexOf(si) >= 0);
      tr.classList.toggle("chosen", !!cur.intent && tr.getAttribute("data-intent") === cur.intent);
      tr.hidden = !!cur.intent && tr.getAttribute("data-intent") !== cur.intent;
    });
    describe(st, v);
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  // With an intent chosen, the findings about other intents leave the list (those about no
  // intent stay); the header counts what the list then shows.
  function filterFindings() {
    var ol = document.querySelector("ol.findings:not([hidden])");
    var count = { error: 0, warning: 0 }, gone = 0;
    Array.prototype.forEach.call(ol.querySelectorAll("li.finding"), function (li) {
      // the intents the finding is about, separated by spaces (intent ids hold none)
      var about = li.getAttribute("data-intent");
      li.hidden = !!cur.intent && !!about && about.split(" ").indexOf(cur.intent) < 0;
      if (li.hidden) { gone += 1; return; }
      ["error", "warning"].forEach(function (sev) { if (li.classList.contains("sev-" + sev)) { count[sev] += 1; } });
    });
    text(document.getElementById("ivm-counts"), plural(count.error, "error") + ", " + plural(count.warning, "warning"));
    var note = document.getElementById("ivm-filtered");
    note.hidden = !gone;
    text(note, gone ? plural(gone, "finding") + " about other intents not shown (intent: " + cur.intent + ")." : "");
  }

  function describe(st, v) {
    status.textContent = "";
    var b = document.createElement("strong");
    if (data.at) {  // the page shows one instant (--at)
      text(b, data.at + " only");
      status.appendChild(b);
      var closedAt = st.closed.map(function (n) { return data.titles[n] || n; });
      var a = ": the maze as it is at this instant. Open: " + (st.open.join(", ") || "nothing") +
        ". Closed: " + (st.closedSchedules.join(", ") || "nothing") + ".";
      if (closedAt.length) { a += " Closed queues: " + closedAt.join(", ") + "."; }
      status.appendChild(document.createTextNode(a));
    } else if (cur.time < 0) {
      text(b, "Whole week");
      status.appendChild(b);
      status.appendChild(document.createTextNode(": every route that exists at some time; faded nothing."));
    } else {
      text(b, data.windows[cur.time].label);
      status.appendChild(b);
      var closedNames = st.closed.map(function (n) { return data.titles[n] || n; });
      var s = " (same state as: " + st.label + "). Open: " + (st.open.join(", ") || "nothing") +
        ". Closed: " + (st.closedSchedules.join(", ") || "nothing") + ".";
      if (closedNames.length) { s += " Closed queues: " + closedNames.join(", ") + "."; }
      status.appendChild(document.createTextNode(s));
    }
    if (cur.intent) {
      var r = v.route;
      var t = " Intent " + cur.intent + ": ";
      t += r ? "best route " + r.hops + " hop" + (r.hops === 1 ? "" : "s") + " (" + r.nodes.join(" → ") + ")"
        + (cur.time < 0 && !data.at && r.when && r.when.length ? " when " + r.when.join("; ") : "")
        : "no route resolves it here";
      status.appendChild(document.createTextNode(t + "."));
    }
  }

  function highlight(link) {
    if (cur.link) { cur.link.parentNode.classList.remove("selected"); cur.link.removeAttribute("aria-current"); }
    cur.link = link;
    cur.hl = link ? (link.getAttribute("data-nodes") || "").split(" ").filter(Boolean) : [];
    if (link) { link.parentNode.classList.add("selected"); link.setAttribute("aria-current", "true"); }
    apply();
    if (cur.hl.length) {
      var el = document.getElementById(cur.hl[0]);
      if (el) {  // centre the node in the diagram panel, and bring the panel into view
        var r = el.getBoundingClientRect(), b = box.getBoundingClientRect();
        box.scrollLeft += (r.left + r.width / 2) - (b.left + b.width / 2);
        box.scrollTop += (r.top + r.height / 2) - (b.top + b.height / 2);
        if (b.top < 0 || b.bottom > window.innerHeight) { box.scrollIntoView({ block: "nearest" }); }
      }
    }
  }

  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a.finding-link") : null;
    if (!a) { return; }
    ev.preventDefault();
    highlight(a === cur.link ? null : a);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { highlight(null); }
  });
  document.getElementById("ivm-clear").addEventListener("click", function () { highlight(null); });
  timeSel.addEventListener("change", function () {
    cur.time = parseInt(timeSel.value, 10);
    highlight(null);
  });
  intentSel.addEventListener("change", function () { cur.intent = intentSel.value; apply(); });
  Array.prototype.forEach.call(document.querySelectorAll("#ivm-metrics tbody tr"), function (tr) {
    tr.addEventListener("click", function () {
      intentSel.value = tr.getAttribute("data-intent");
      cur.intent = intentSel.value;
      apply();
    });
  });

  // Zoom: scale the SVG from its natural size; "Fit" fits the panel's width.
  var natural = svg ? parseFloat(svg.getAttribute("width")) * 96 / 72 : 0;
  var naturalHeight = svg ? parseFloat(svg.getAttribute("height")) * 96 / 72 : 0;
  var zoom = 1;
  function setZoom(z) {
    if (!svg || !natural) { return; }
    zoom = Math.max(0.1, Math.min(4, z));
    svg.style.width = Math.round(natural * zoom) + "px";
    svg.removeAttribute("height");
  }
  function fit() {
    // Fit the panel's width, and its height too unless that makes the text too small to read.
    var w = box.clientWidth - 20, hgt = box.clientHeight - 20;
    var naturalH = naturalHeight;
    var z = natural > w && w > 0 ? w / natural : 1;
    if (naturalH && hgt > 100) { z = Math.min(z, Math.max(hgt / naturalH, 0.5)); }
    setZoom(z);
  }
  document.getElementById("ivm-zoom-in").addEventListener("click", function () { setZoom(zoom * 1.25); });
  document.getElementById("ivm-zoom-out").addEventListener("click", function () { setZoom(zoom / 1.25); });
  document.getElementById("ivm-zoom-fit").addEventListener("click", fit);
  fit();
  apply();
  document.documentElement.setAttribute("data-ready", "1");
})();
