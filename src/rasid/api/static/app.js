// Rasid dashboard: vanilla JS, no build step. Every piece of article text is untrusted and is inserted with
// textContent / createTextNode only, never as HTML.
"use strict";

(function () {
  const QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"};
  const QUAD_COLOURS = {1: "#4c9f70", 2: "#1f6f8b", 3: "#e0a030", 4: "#c0392b"};
  const SVG = "http://www.w3.org/2000/svg";

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  async function api(path, options) {
    const r = await fetch(path, options);
    let body = null;
    try { body = await r.json(); } catch (e) { body = null; }
    if (!r.ok) throw new Error((body && body.detail) || ("HTTP " + r.status));
    return body;
  }

  function showView(name) {
    for (const v of document.querySelectorAll(".view")) v.hidden = v.id !== "view-" + name;
  }

  function actorLabel(a) {
    if (!a) return "—";
    return (a.name || "?") + " (" + (a.code || "?") + ")";
  }

  function goldsteinColour(g) {
    if (g === null || g === undefined) return "#888";
    const t = Math.max(-10, Math.min(10, g)) / 10;  // -1 .. 1
    if (t >= 0) return "rgb(" + Math.round(200 - 170 * t) + "," + Math.round(200 - 40 * t) + "," + Math.round(200 - 150 * t) + ")";
    return "rgb(" + Math.round(200 - 10 * t) + "," + Math.round(200 + 150 * t) + "," + Math.round(200 + 150 * t) + ")";
  }

  // ---------------------------------------------------------------- article view

  // Offsets from the API count code points; JS strings count UTF-16 units, so work on an array of code points.
  function renderArticle(doc) {
    showView("article");
    document.getElementById("article-title").textContent = doc.title || doc.id || "";
    document.getElementById("article-meta").textContent =
      [doc.id, doc.date, doc.source].filter(Boolean).join(" · ");
    const warnings = document.getElementById("article-warnings");
    warnings.replaceChildren(...(doc.warnings || []).map((w) => el("li", {text: w})));

    const chars = Array.from(doc.text || "");
    const entities = doc.entities || [];
    const events = doc.events || [];
    const cuts = new Set([0, chars.length]);
    for (const s of entities) { cuts.add(s.start); cuts.add(s.end); }
    for (const e of events) {
      if (e.trigger) { cuts.add(e.trigger.start); cuts.add(e.trigger.end); }
      if (e.evidence) { cuts.add(e.evidence.start); cuts.add(e.evidence.end); }
    }
    const points = [...cuts].filter((x) => x >= 0 && x <= chars.length).sort((a, b) => a - b);
    const box = document.getElementById("article-text");
    box.replaceChildren();
    const segments = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const text = chars.slice(a, b).join("");
      let ent = null;
      for (const s of entities) {
        if (s.start <= a && b <= s.end && (!ent || s.end - s.start < ent.end - ent.start)) ent = s;
      }
      const triggers = [];
      events.forEach((e, k) => { if (e.trigger && e.trigger.start <= a && b <= e.trigger.end) triggers.push(k); });
      if (!ent && !triggers.length) {
        const node = el("span", {"data-start": a, "data-end": b});
        node.textContent = text;
        box.append(node);
        segments.push(node);
        continue;
      }
      const classes = [];
      if (ent) classes.push("ent", "ent-" + String(ent.label || "X").replace(/[^A-Za-z0-9_-]/g, ""));
      if (triggers.length) classes.push("trigger");
      const node = el("span", {
        class: classes.join(" "), "data-start": a, "data-end": b,
        "data-label": ent ? ent.label : null,
        "data-actor": ent && ent.actor ? ent.actor.code : null,
        "data-events": triggers.length ? triggers.join(" ") : null,
        title: ent && ent.actor ? actorLabel(ent.actor) + " · " + ent.label
          : (ent ? ent.label : triggers.map((k) => events[k].cameo + " " + events[k].name).join("; ")),
      });
      node.textContent = text;
      box.append(node);
      segments.push(node);
    }

    const list = document.getElementById("article-events");
    list.replaceChildren();
    events.forEach((e, k) => {
      const item = el("li", {class: "event q" + e.quad_class, "data-cameo": e.cameo, "data-index": k},
        el("div", {class: "dyad"},
          el("span", {class: "actor", text: actorLabel(e.source)}), " → ",
          el("span", {class: "actor", text: actorLabel(e.target)})),
        el("div", {},
          el("b", {class: "cameo", text: e.cameo}), " ", el("span", {text: e.name || ""}),
          el("span", {class: "quad", text: " · Q" + e.quad_class + " " + (QUADS[e.quad_class] || "")})),
        el("div", {class: "small"},
          el("span", {text: (e.date || "no date") + " · Goldstein " + e.goldstein + (e.negated ? " · negated" : "")})),
        el("div", {class: "arabic", dir: "rtl", text: [e.source && e.source.text, e.trigger && e.trigger.text,
          e.target && e.target.text].filter(Boolean).join(" · ")}));
      item.addEventListener("click", () => focusEvidence(e, segments, item));
      list.append(item);
    });
    if (!events.length) list.append(el("li", {class: "empty", text: "no events"}));

    const quotes = document.getElementById("article-quotes");
    quotes.replaceChildren();
    for (const q of doc.quotes || []) {
      quotes.append(el("li", {class: "quote"},
        el("q", {text: q.text}),
        el("div", {class: "small", dir: "ltr", text: (q.kind || "") + (q.speaker ? " · " + actorLabel(q.speaker) : "")})));
    }
    if (!(doc.quotes || []).length) quotes.append(el("li", {class: "empty", text: "—"}));
  }

  function focusEvidence(e, segments, item) {
    for (const s of document.querySelectorAll(".evidence")) s.classList.remove("evidence");
    for (const s of document.querySelectorAll(".event.selected")) s.classList.remove("selected");
    item.classList.add("selected");
    const span = e.evidence || e.trigger;
    if (!span) return;
    let first = null;
    for (const s of segments) {
      const a = Number(s.dataset.start), b = Number(s.dataset.end);
      if (a >= span.start && b <= span.end) {
        s.classList.add("evidence");
        if (!first) first = s;
      }
    }
    if (first) first.scrollIntoView({behavior: "smooth", block: "center"});
  }

  async function openArticle(id) {
    showView("article");
    document.getElementById("article-title").textContent = "…";
    try {
      renderArticle(await api("/api/documents/" + encodeURIComponent(id)));
    } catch (err) {
      document.getElementById("article-title").textContent = String(err.message || err);
      document.getElementById("article-text").replaceChildren();
    }
  }

  // ---------------------------------------------------------------- events view

  let eventRows = [];
  let nextCursor = null;
  let sortKey = null, sortDir = 1;

  function filterParams() {
    const form = document.getElementById("event-filters");
    const p = new URLSearchParams();
    for (const name of ["actor", "dyad", "root", "quad", "since", "until", "text"]) {
      const v = form.elements[name].value.trim();
      if (!v) continue;
      for (const part of name === "text" ? [v] : v.split(/[\s,]+/)) if (part) p.append(name, part);
    }
    if (form.elements.both.checked) p.set("both", "true");
    return p;
  }

  async function loadEvents(more) {
    const status = document.getElementById("events-status");
    const p = filterParams();
    p.set("limit", "200");
    if (more && nextCursor) p.set("cursor", nextCursor);
    status.textContent = "loading…";
    try {
      const page = await api("/api/events?" + p.toString());
      eventRows = more ? eventRows.concat(page.events) : page.events;
      nextCursor = page.next;
      document.getElementById("events-more").hidden = !nextCursor;
      status.textContent = eventRows.length + " events" + (nextCursor ? " (more available)" : "");
      drawEvents();
    } catch (err) {
      status.textContent = "error: " + (err.message || err);
      eventRows = [];
      drawEvents();
    }
  }

  function sortValue(e, key) {
    if (key === "source" || key === "target") return e[key] ? e[key].code || "" : "";
    if (key === "goldstein") return e.goldstein;
    return e[key] || "";
  }

  function drawEvents() {
    let rows = eventRows;
    if (sortKey) {
      rows = rows.slice().sort((a, b) => {
        const x = sortValue(a, sortKey), y = sortValue(b, sortKey);
        return (x < y ? -1 : x > y ? 1 : 0) * sortDir;
      });
    }
    const body = document.querySelector("#events-table tbody");
    body.replaceChildren(...rows.map((e) => el("tr", {class: "q" + e.quad_class, "data-event": e.event_id},
      el("td", {text: e.date || e.day || ""}),
      el("td", {class: "actor", title: e.source ? e.source.text : null, text: actorLabel(e.source)}),
      el("td", {title: e.name}, el("b", {text: e.cameo}), " " + (e.name || "")),
      el("td", {class: "actor", title: e.target ? e.target.text : null, text: actorLabel(e.target)}),
      el("td", {class: "num", text: e.goldstein}),
      el("td", {class: "arabic", dir: "rtl", text: e.evidence ? e.evidence.text : ""}),
      el("td", {}, el("a", {class: "doc-link", href: "#/article/" + encodeURIComponent(e.document_id),
        text: e.document_id})))));
  }

  // ---------------------------------------------------------------- dyad view

  async function loadDyad() {
    const form = document.getElementById("dyad-form");
    const dyad = form.elements.dyad.value.trim();
    const box = document.getElementById("timeline");
    clearTimeline();
    box.replaceChildren(el("p", {text: "loading…"}));
    if (dyad) {
      try {
        const p = new URLSearchParams({dyad: dyad, by: "month"});
        if (form.elements.both.checked) p.set("both", "true");
        drawTimeline(box, await api("/api/stats/timeline?" + p.toString()));
      } catch (err) {
        box.replaceChildren(el("p", {class: "error", text: "error: " + (err.message || err)}));
      }
    } else {
      box.replaceChildren(el("p", {text: "choose a dyad, e.g. RUS-PRK"}));
    }
    const net = document.getElementById("network");
    try {
      drawNetwork(net, await api("/api/stats/dyads?limit=40"));
    } catch (err) {
      net.replaceChildren(el("p", {class: "error", text: "error: " + (err.message || err)}));
    }
  }

  // Timeline: Chart.js (vendored, static/vendor/chart.umd.min.js). Stacked bars of monthly events per QuadClass on
  // the left axis, mean Goldstein as a line on a fixed -10..+10 right axis. Labels are drawn on the canvas, never as
  // HTML.
  let timelineChart = null;

  function clearTimeline() {
    if (timelineChart) { timelineChart.destroy(); timelineChart = null; }
  }

  function drawTimeline(box, data) {
    clearTimeline();
    const periods = data.periods || [];
    if (!periods.length) { box.replaceChildren(el("p", {text: "no events for " + data.dyad})); return; }
    if (typeof window.Chart !== "function") {
      box.replaceChildren(el("p", {class: "error", text: "chart library failed to load (vendor/chart.umd.min.js)"}));
      return;
    }
    const labels = periods.map((p) => p.period);
    const bars = [1, 2, 3, 4].map((q) => ({
      type: "bar", label: "Q" + q + " " + QUADS[q], quad: q, data: periods.map((p) => p["q" + q] || 0),
      backgroundColor: QUAD_COLOURS[q], stack: "events", yAxisID: "events", order: 1, maxBarThickness: 50,
    }));
    const goldstein = {
      type: "line", label: "mean Goldstein", yAxisID: "goldstein", order: 0, spanGaps: true,
      data: periods.map((p) => (p.goldstein === null || p.goldstein === undefined ? null : p.goldstein)),
      borderColor: "#222", backgroundColor: "#222", borderDash: [4, 3], pointRadius: 4, tension: 0,
    };
    const canvas = el("canvas", {id: "timeline-canvas", role: "img",
      "aria-label": "Monthly events by QuadClass and mean Goldstein for " + data.dyad});
    const wrap = el("div", {class: "timeline-canvas"}, canvas);
    wrap.style.minWidth = Math.max(600, 70 * periods.length) + "px";
    box.replaceChildren(el("p", {class: "small", text: data.dyad + (data.both ? " (both directions)" : "") +
      " · bars: events per QuadClass (left axis) · line: mean Goldstein (right axis)"}), wrap);
    timelineChart = new window.Chart(canvas, {
      data: {labels: labels, datasets: [...bars, goldstein]},
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, locale: "en",
        interaction: {mode: "index", intersect: false},
        scales: {
          x: {stacked: true},
          events: {type: "linear", position: "left", stacked: true, beginAtZero: true,
            title: {display: true, text: "events"}, ticks: {precision: 0}},
          goldstein: {type: "linear", position: "right", min: -10, max: 10, grid: {drawOnChartArea: false},
            title: {display: true, text: "mean Goldstein"}},
        },
        plugins: {
          legend: {position: "bottom"},
          tooltip: {callbacks: {footer: (items) => {
            const p = periods[items.length ? items[0].dataIndex : 0];
            return p ? "total: " + p.events + " events" : "";
          }}},
        },
      },
    });
  }

  function drawNetwork(box, dyads) {
    dyads = dyads.filter((d) => d.source !== d.target);  // a country's own affairs draw no edge
    if (!dyads.length) { box.replaceChildren(el("p", {text: "no dyads"})); return; }
    const nodes = [...new Set(dyads.flatMap((d) => [d.source, d.target]))].sort();
    const W = 560, H = 460, cx = W / 2, cy = H / 2, R = 180;
    const pos = {};
    nodes.forEach((n, i) => {
      const a = 2 * Math.PI * i / nodes.length - Math.PI / 2;
      pos[n] = [cx + R * Math.cos(a), cy + R * Math.sin(a)];
    });
    const maxN = Math.max(...dyads.map((d) => d.events));
    const s = svg("svg", {width: W, height: H, viewBox: "0 0 " + W + " " + H, class: "network-svg"});
    const defs = svg("defs");
    const marker = svg("marker", {id: "arrow", viewBox: "0 0 10 10", refX: 20, refY: 5, markerWidth: 10,
      markerHeight: 10, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse"});
    marker.append(svg("path", {d: "M 0 0 L 10 5 L 0 10 z", fill: "#666"}));
    defs.append(marker);
    s.append(defs);
    for (const d of dyads) {
      const [x1, y1] = pos[d.source], [x2, y2] = pos[d.target];
      const line = svg("line", {x1: x1, y1: y1, x2: x2, y2: y2, stroke: goldsteinColour(d.goldstein),
        "stroke-width": 1 + 6 * d.events / maxN, "marker-end": "url(#arrow)", class: "edge",
        "data-dyad": d.source + "-" + d.target});
      line.append(svg("title", {}, d.source + " → " + d.target + ": " + d.events + " events, mean Goldstein " +
        d.goldstein));
      line.addEventListener("click", () => { location.hash = "#/dyad/" + d.source + "-" + d.target; });
      s.append(line);
    }
    for (const n of nodes) {
      const [x, y] = pos[n];
      const g = svg("g", {class: "node", "data-actor": n});
      g.append(svg("circle", {cx: x, cy: y, r: 9, fill: "#fff", stroke: "#333"}));
      g.append(svg("text", {x: x, y: y - 13, "text-anchor": "middle", class: "axis"}, n));
      s.append(g);
    }
    box.replaceChildren(el("p", {class: "small", text: "edge width: events · colour: mean Goldstein (red -10 … green +10)"}), s);
  }

  // ---------------------------------------------------------------- analyze

  async function analyze(ev) {
    ev.preventDefault();
    const form = ev.target;
    const status = document.getElementById("analyze-status");
    const body = {text: form.elements.text.value};
    if (form.elements.title.value.trim()) body.title = form.elements.title.value.trim();
    if (form.elements.date.value) body.date = form.elements.date.value;
    status.textContent = "analysing…";
    try {
      const doc = await api("/api/analyze", {method: "POST", headers: {"Content-Type": "application/json"},
        body: JSON.stringify(body)});
      status.textContent = "";
      renderArticle(doc);
    } catch (err) {
      status.textContent = "error: " + (err.message || err);
    }
  }

  // ---------------------------------------------------------------- routing

  function route() {
    const hash = location.hash || "#/events";
    const parts = hash.slice(2).split("/");
    const view = parts[0];
    const arg = parts.slice(1).join("/");
    if (view === "article" && arg) { openArticle(decodeURIComponent(arg)); return; }
    if (view === "dyad") {
      showView("dyad");
      if (arg) document.getElementById("dyad-form").elements.dyad.value = decodeURIComponent(arg);
      loadDyad();
      return;
    }
    if (view === "analyze") { showView("analyze"); return; }
    showView("events");
    loadEvents(false);
  }

  document.getElementById("event-filters").addEventListener("submit", (ev) => { ev.preventDefault(); loadEvents(false); });
  document.getElementById("events-more").addEventListener("click", () => loadEvents(true));
  for (const th of document.querySelectorAll("#events-table th[data-sort]")) {
    th.addEventListener("click", () => {
      const key = th.dataset.sort;
      sortDir = sortKey === key ? -sortDir : 1;
      sortKey = key;
      drawEvents();
    });
  }
  document.getElementById("dyad-form").addEventListener("submit", (ev) => { ev.preventDefault(); loadDyad(); });
  document.getElementById("analyze-form").addEventListener("submit", analyze);
  window.addEventListener("hashchange", route);
  route();
})();
