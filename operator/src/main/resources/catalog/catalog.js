// Optional: typing in the search box filters the rows of the tables on the page at once.
// Without JavaScript the same box submits a search that the server answers.
(function () {
  "use strict";
  var box = document.getElementById("q");
  if (!box) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.filterable tbody tr"));
  box.addEventListener("input", function () {
    var needle = box.value.trim().toLowerCase();
    rows.forEach(function (row) {
      var hide = needle !== "" && row.textContent.toLowerCase().indexOf(needle) < 0;
      row.classList.toggle("filtered-out", hide);
    });
  });
})();
