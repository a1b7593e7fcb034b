// The side-by-side view of one document pair: links in pages, a filter, j / k between
// flagged links, and the reviser's actions, each saved at once.
"use strict";

(() => {
  const { api, notify, el, typing, saver } = paxterm;
  const PAGE = 500;  // links per request: the first page shows while the rest arrive
  const pairId = Number(document.body.dataset.pairId);
  const body = document.querySelector("#links tbody");
  const state = { links: [], current: null, editing: null, busy: false };

  const filters = {
    flag: document.getElementById("filter-flag"),
    score: document.getElementById("filter-score"),
    status: document.getElementById("filter-status"),
  };

  function shown(link) {
    const flag = filters.flag.value;
    if (flag === "*" && link.flags.length === 0) return false;
    if (flag && flag !== "*" && !link.flags.includes(flag)) return false;
    const below = parseFloat(filters.score.value);
    if (!Number.isNaN(below) && !(link.score < below)) return false;
    if (filters.status.value && link.status !== filters.status.value) return false;
    return true;
  }

  // One set of action buttons, moved into the current row: a long pair stays light to draw.
  const ACTIONS = [["Confirm", "c", "confirm"], ["Merge ↓", "m", "merge"], ["Split", "s", "split"],
    ["Omission", "o", "omission"], ["Edit", "e", "edit"]];
  const toolbar = el("span", { class: "toolbar" }, ACTIONS.map(([label, key, action]) => el("button", {
    type: "button", class: "action " + action, title: label + " (" + key + ")", "data-action": action,
    onclick: (event) => { event.stopPropagation(); perform(action); },
  }, label)));

  function sideCell(text, language) {
    if (!text.trim()) return el("td", { class: "text empty", title: "no segment on this side" }, "—");
    return el("td", { class: "text " + language, lang: language }, text);
  }

  function row(link, number) {
    const flags = link.flags.map((flag) => el("span", { class: "flag" }, flag));
    return el("tr", {
      id: "link-" + link.id, "data-id": link.id, class: link.band + " " + link.status + (link.flags.length ? " flagged" : ""),
    },
      el("td", { class: "number" }, number),
      sideCell(link.fr, "fr"), sideCell(link.en, "en"),
      el("td", { class: "score" }, link.score.toFixed(2)),
      el("td", { class: "flags" }, flags),
      el("td", { class: "status" }, link.status),
      el("td", { class: "actions" }));
  }

  function rowsFrom(start) {
    const rows = [];
    for (let index = start; index < state.links.length; index++) {
      if (shown(state.links[index])) rows.push(row(state.links[index], index + 1));
    }
    return rows;
  }

  function render() {
    body.replaceChildren(...rowsFrom(0));
    updateCounts();
    if (state.current !== null) mark(state.current, false);
  }

  function updateCounts() {
    const flagged = state.links.filter((link) => link.flags.length).length;
    const rows = body.rows.length;
    document.getElementById("count").textContent = state.links.length + " links, " + flagged + " flagged";
    document.getElementById("shown").textContent = rows === state.links.length ? "" : rows + " shown";
  }

  function mark(id, scroll) {
    for (const old of body.querySelectorAll("tr.current")) old.classList.remove("current");
    const target = document.getElementById("link-" + id);
    if (!target) { toolbar.remove(); return; }
    target.classList.add("current");
    const link = state.links[indexOf(id)];
    toolbar.querySelector(".confirm").disabled = link.status === "confirmed";
    toolbar.querySelector(".split").disabled = Math.max(link.fr_index.length, link.en_index.length) < 2;
    if (state.editing !== id) target.cells[6].append(toolbar);
    if (scroll) target.scrollIntoView({ block: "center" });
  }

  function select(id, scroll = false) {
    if (state.editing !== null && state.editing !== id) cancelEdit();
    state.current = id;
    mark(id, scroll);
  }

  body.addEventListener("click", (event) => {
    const tr = event.target.closest("tr[data-id]");
    if (tr && !event.target.closest("textarea, button")) select(Number(tr.dataset.id));
  });

  function visibleRows() {
    return [...body.rows];
  }

  // The next (step 1) or previous (step -1) row among those shown, flagged only if asked.
  function move(step, flaggedOnly) {
    const rows = visibleRows();
    const at = rows.findIndex((tr) => Number(tr.dataset.id) === state.current);
    for (let i = at + step; i >= 0 && i < rows.length; i += step) {
      if (!flaggedOnly || rows[i].classList.contains("flagged")) {
        select(Number(rows[i].dataset.id), true);
        return;
      }
    }
    notify(flaggedOnly ? "No flagged link " + (step > 0 ? "after" : "before") + " this one." :
      "No link " + (step > 0 ? "after" : "before") + " this one.");
  }

  function indexOf(id) {
    return state.links.findIndex((link) => link.id === id);
  }

  // Replace `count` links from the one with `id` by `replacements`, then draw again.
  function replaceLinks(id, count, replacements) {
    const at = indexOf(id);
    state.links.splice(at, count, ...replacements);
    state.current = replacements.length ? replacements[0].id : null;
    const old = document.getElementById("link-" + id);
    if (count === 1 && replacements.length === 1 && old && shown(replacements[0])) {
      old.replaceWith(row(replacements[0], at + 1));  // one row changed: no need to draw the other thousands
      mark(state.current, false);
      updateCounts();
    } else {
      render();
    }
  }

  const save = saver(state, () => showHistory());

  function perform(action) {
    const at = indexOf(state.current);
    if (at < 0) { notify("Select a link first (click it, or press j)."); return; }
    const link = state.links[at];
    const revision = { revision: link.revision };
    if (action === "confirm") {
      save("Link " + (at + 1) + " confirmed.", () => api("PATCH", "/api/links/" + link.id, { status: "confirmed", ...revision }),
        (updated) => replaceLinks(link.id, 1, [updated]));
    } else if (action === "merge") {
      if (at + 1 >= state.links.length) { notify("This is the last link: there is nothing after it to merge.", "error"); return; }
      save("Links " + (at + 1) + " and " + (at + 2) + " merged.", () => api("POST", "/api/links/" + link.id + "/merge", revision),
        (answer) => replaceLinks(link.id, 2, answer.links));
    } else if (action === "split") {
      save("Link " + (at + 1) + " split.", () => api("POST", "/api/links/" + link.id + "/split", revision),
        (answer) => replaceLinks(link.id, 1, answer.links));
    } else if (action === "omission") {
      save("Link " + (at + 1) + " marked as an omission.", () => api("POST", "/api/links/" + link.id + "/omission", revision),
        (answer) => replaceLinks(link.id, 1, answer.links));
    } else if (action === "edit") {
      startEdit(link);
    }
  }

  // --- editing the text of a link ---------------------------------------------------------------

  function startEdit(link) {
    const tr = document.getElementById("link-" + link.id);
    if (!tr || state.editing === link.id) return;
    state.editing = link.id;
    const fr = el("textarea", { class: "edit-fr", lang: "fr", "aria-label": "French text" });
    const en = el("textarea", { class: "edit-en", lang: "en", "aria-label": "English text" });
    fr.value = link.fr;
    en.value = link.en;
    for (const area of [fr, en]) area.rows = Math.max(3, Math.ceil(area.value.length / 35) + 1);
    const saveButton = el("button", { type: "button", class: "save", onclick: () => finishEdit(link, fr.value, en.value) }, "Save");
    const cancelButton = el("button", { type: "button", class: "cancel", onclick: cancelEdit }, "Cancel");
    tr.children[1].replaceChildren(fr);
    tr.children[2].replaceChildren(en);
    tr.children[6].replaceChildren(saveButton, cancelButton);
    for (const area of [fr, en]) {
      area.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); finishEdit(link, fr.value, en.value); }
        if (event.key === "Escape") { event.preventDefault(); cancelEdit(); }
      });
    }
    fr.focus();
  }

  function cancelEdit() {
    state.editing = null;
    render();
  }

  function finishEdit(link, fr, en) {
    const changes = {};
    if (fr !== link.fr) changes.fr = fr;
    if (en !== link.en) changes.en = en;
    if (!Object.keys(changes).length) { cancelEdit(); return; }
    save("Link " + (indexOf(link.id) + 1) + " edited.",
      () => api("PATCH", "/api/links/" + link.id, { ...changes, revision: link.revision }),
      (updated) => { state.editing = null; replaceLinks(link.id, 1, [updated]); });
  }

  // --- keyboard ---------------------------------------------------------------------------------

  const KEYS = {
    j: () => move(1, true), k: () => move(-1, true),
    ArrowDown: () => move(1, false), ArrowUp: () => move(-1, false),
    c: () => perform("confirm"), m: () => perform("merge"), s: () => perform("split"),
    o: () => perform("omission"), e: () => perform("edit"),
  };

  document.addEventListener("keydown", (event) => {
    if (typing(event) || !(event.key in KEYS)) return;
    event.preventDefault();
    KEYS[event.key]();
  });

  for (const control of Object.values(filters)) control.addEventListener("input", render);
  document.getElementById("filters").addEventListener("submit", (event) => event.preventDefault());

  // --- the history of changes -------------------------------------------------------------------

  const history = document.getElementById("history");

  function sides(records) {
    return records.map((link) => (link.fr || "—") + " ↔ " + (link.en || "—") + " [" + link.status + "]").join(" + ");
  }

  async function showHistory() {
    if (!history.open) return;
    const list = history.querySelector("ol");
    try {
      const answer = await api("GET", "/api/pairs/" + pairId + "/history");
      list.replaceChildren(...answer.history.reverse().map((change) => el("li", {},
        el("span", { class: "when" }, change.at), " ", el("strong", {}, change.action), ": ",
        el("span", { class: "before" }, sides(change.before)), " → ", el("span", { class: "after" }, sides(change.after)))));
      if (!answer.history.length) list.replaceChildren(el("li", { class: "meta" }, "No change yet."));
    } catch (error) {
      list.replaceChildren(el("li", { class: "meta" }, "The history could not be loaded: " + error.message));
    }
  }

  history.addEventListener("toggle", showHistory);

  // --- loading, page by page --------------------------------------------------------------------

  async function load() {
    const loading = document.getElementById("loading");
    try {
      for (let offset = 0; ; offset += PAGE) {
        const page = await api("GET", "/api/pairs/" + pairId + "/links?offset=" + offset + "&limit=" + PAGE);
        const start = state.links.length;
        state.links.push(...page.links);
        body.append(...rowsFrom(start));  // the rows already drawn stay as they are
        updateCounts();
        if (offset === 0) {
          const pair = page.pair;
          const title = pair.fr_doc + " ↔ " + (pair.en_doc || "no English original");
          document.getElementById("pair-title").textContent = title;
          document.title = title + " · paxterm review";
          const wanted = /^#link-(\d+)$/.exec(window.location.hash);
          if (wanted) select(Number(wanted[1]), true);
        }
        if (page.links.length < PAGE) break;
      }
      loading.hidden = true;
      document.body.dataset.loaded = "true";
    } catch (error) {
      loading.textContent = "The links could not be loaded: " + error.message;
    }
  }

  load();
})();
