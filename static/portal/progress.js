/* Progress charts: e1RM and heaviest set per session; weekly volume load. Data comes from
   the page (json_script); Chart.js is vendored in static/vendor/. */
(function () {
  "use strict";
  function draw() {
    var node = document.getElementById("progress-data");
    if (!node || typeof Chart === "undefined") return;
    var data = JSON.parse(node.textContent);
    var unit = data.unit;
    var line = document.getElementById("e1rm-chart");
    if (line) {
      new Chart(line, {
        type: "line",
        data: {
          labels: data.labels,
          datasets: [
            { label: "e1RM (" + unit + ")", data: data.e1rm, borderColor: "#0b6e4f",
              backgroundColor: "#0b6e4f", tension: 0.2, spanGaps: true, pointRadius: 4 },
            { label: "Heaviest set (" + unit + ")", data: data.heaviest, borderColor: "#5b8def",
              backgroundColor: "#5b8def", borderDash: [6, 4], spanGaps: true, pointStyle: "rect",
              pointRadius: 4 }
          ]
        },
        options: {
          responsive: true, maintainAspectRatio: false, animation: false,
          interaction: { mode: "index", intersect: false },
          plugins: {
            legend: { position: "bottom" },
            tooltip: { callbacks: { afterLabel: function (ctx) {
              if (ctx.datasetIndex === 1 && data.heaviest_reps[ctx.dataIndex]) {
                return "x " + data.heaviest_reps[ctx.dataIndex] + " reps";
              }
              return "";
            } } }
          },
          scales: { y: { title: { display: true, text: unit } } }
        }
      });
    }
    var bars = document.getElementById("volume-chart");
    if (bars) {
      new Chart(bars, {
        type: "bar",
        data: { labels: data.volume_labels,
                datasets: [{ label: "Volume load (" + unit + ")", data: data.volume,
                             backgroundColor: "#8fb8a8" }] },
        options: { responsive: true, maintainAspectRatio: false, animation: false,
                   plugins: { legend: { display: false } },
                   scales: { y: { title: { display: true, text: unit } } } }
      });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
