/* Pathways: sort and filter the learner index. Plain script, no libraries, and
   nothing fetched: the page works the same offline. Without script the table is
   still there, in name order. */
(function () {
  "use strict";

  function cellText(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.trim() : "";
  }

  function compare(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    if (!isNaN(x) && !isNaN(y) && String(x) === a && String(y) === b) {
      return x - y;
    }
    return a.localeCompare(b, "en-GB", { sensitivity: "base", numeric: true });
  }

  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "pathways-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) {
          other.removeAttribute("aria-sort");
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var order = compare(cellText(r1, index), cellText(r2, index));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function makeFilters(container, table) {
    var headers = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
      return th.textContent.trim();
    });
    var form = document.createElement("form");
    form.className = "pathways-filters";
    form.setAttribute("role", "search");
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    var controls = [];
    function addControl(label, element, column) {
      var wrapper = document.createElement("label");
      wrapper.textContent = label + " ";
      wrapper.appendChild(element);
      form.appendChild(wrapper);
      controls.push({ element: element, column: column });
      element.addEventListener("input", apply);
      element.addEventListener("change", apply);
    }

    var search = document.createElement("input");
    search.type = "search";
    addControl("Name", search, headers.indexOf("Learner"));

    (container.getAttribute("data-filters") || "").split(",").forEach(function (name) {
      var column = headers.indexOf(name.trim());
      if (column < 0) { return; }
      var select = document.createElement("select");
      var any = document.createElement("option");
      any.value = "";
      any.textContent = "All";
      select.appendChild(any);
      var values = {};
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        values[cellText(row, column)] = true;
      });
      Object.keys(values).sort(compare).forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value || "(blank)";
        select.appendChild(option);
      });
      addControl(name.trim(), select, column);
    });

    var count = document.createElement("p");
    count.className = "pathways-count";
    count.setAttribute("aria-live", "polite");

    function apply() {
      var shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var visible = controls.every(function (control) {
          var wanted = control.element.value.trim();
          if (!wanted) { return true; }
          var text = cellText(row, control.column);
          if (control.element.tagName === "SELECT") { return text === wanted; }
          return text.toLocaleLowerCase("en-GB")
            .indexOf(wanted.toLocaleLowerCase("en-GB")) >= 0;
        });
        row.hidden = !visible;
        if (visible) { shown += 1; }
      });
      count.textContent = shown + " of " + table.tBodies[0].rows.length + " learners shown";
    }

    container.insertBefore(form, container.firstChild);
    container.insertBefore(count, form.nextSibling);
    apply();
  }

  /* Wide tables scroll sideways; keyboard users need to be able to reach them. */
  function makeScrollersFocusable() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth) {
        var heading = wrap.previousElementSibling;
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Table, scrolls sideways" +
          (heading && /^H[1-6]$/.test(heading.tagName) ? ": " + heading.textContent : ""));
      }
    });
  }

  function init() {
    makeScrollersFocusable();
    document.querySelectorAll(".pathways-index").forEach(function (container) {
      var table = container.querySelector("table");
      if (!table || !table.tHead || !table.tBodies.length) { return; }
      makeSortable(table);
      makeFilters(container, table);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
