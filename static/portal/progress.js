/* Progress charts: training load (daily load as bars split run/lift, fitness, fatigue and
   form as lines, the 7:28 ratio); the check-ins' readiness over the same days; e1RM and heaviest set per session; weekly volume load. Data
   comes from the page (json_script); Chart.js is vendored in static/vendor/. */
(function () {
  "use strict";
  function drawLoad() {
    var node = document.getElementById("load-data");
    var canvas = document.getElementById("load-chart");
    if (!node || !canvas || typeof Chart === "undefined") return;
    var data = JSON.parse(node.textContent);
    new Chart(canvas, {
      data: {
        labels: data.labels,
        datasets: [
          { type: "bar", label: "Run load", data: data.run, backgroundColor: "#5b8def",
            stack: "load", yAxisID: "y", order: 3 },
          { type: "bar", label: "Lift load", data: data.strength, backgroundColor: "#e0a458",
            stack: "load", yAxisID: "y", order: 3 },
          { type: "line", label: "Fitness (CTL)", data: data.ctl, borderColor: "#0b6e4f",
            backgroundColor: "#0b6e4f", pointRadius: 0, tension: 0.2, yAxisID: "y2", order: 1 },
          { type: "line", label: "Fatigue (ATL)", data: data.atl, borderColor: "#c0392b",
            backgroundColor: "#c0392b", borderDash: [6, 4], pointRadius: 0, tension: 0.2,
            yAxisID: "y2", order: 1 },
          { type: "line", label: "Form", data: data.form, borderColor: "#6c4f9e",
            backgroundColor: "#6c4f9e", borderDash: [2, 3], pointRadius: 0, tension: 0.2,
            yAxisID: "y2", order: 1 }
        ]
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        interaction: { mode: "index", intersect: false },
        plugins: {
          legend: { position: "bottom" },
          tooltip: { callbacks: { afterBody: function (items) {
            var i = items.length ? items[0].dataIndex : -1;
            return i >= 0 && data.estimated[i] ? "Load estimated (no RPE or duration)" : "";
          } } }
        },
        scales: {
          x: { stacked: true, ticks: { maxTicksLimit: 8 } },
          y: { stacked: true, position: "left",
               title: { display: true, text: "Daily load (RPE x min)" } },
          y2: { position: "right", grid: { drawOnChartArea: false },
                title: { display: true, text: "Fitness, fatigue, form" } }
        }
      }
    });
    var ratio = document.getElementById("acwr-chart");
    if (ratio) {
      new Chart(ratio, {
        type: "line",
        data: { labels: data.labels, datasets: [
          { label: "7:28 ratio", data: data.acwr, borderColor: "#34495e",
            backgroundColor: "#34495e", pointRadius: 0, spanGaps: false, tension: 0.2 },
          { label: "Ratio " + data.high, data: data.labels.map(function () { return data.high; }),
            borderColor: "#b0b0b0", borderDash: [4, 4], pointRadius: 0 }
        ] },
        options: { responsive: true, maintainAspectRatio: false, animation: false,
                   plugins: { legend: { position: "bottom" } },
                   scales: { x: { ticks: { maxTicksLimit: 6 } },
                             y: { suggestedMin: 0, suggestedMax: 2 } } }
      });
    }
  }
  function drawReadiness() {
    var node = document.getElementById("readiness-data");
    var canvas = document.getElementById("readiness-chart");
    if (!node || !canvas || typeof Chart === "undefined") return;
    var data = JSON.parse(node.textContent);
    new Chart(canvas, {
      type: "line",
      data: { labels: data.labels, datasets: [
        { label: "Readiness", data: data.readiness, borderColor: "#0b6e4f",
          backgroundColor: "#0b6e4f", pointRadius: 3, spanGaps: true, tension: 0.2 },
        { label: "28-day mean", data: data.baseline, borderColor: "#5b8def",
          backgroundColor: "#5b8def", borderDash: [6, 4], pointRadius: 0, spanGaps: false },
        { label: "Low (" + data.low + ")", data: data.labels.map(function () { return data.low; }),
          borderColor: "#c0392b", borderDash: [2, 3], pointRadius: 0 }
      ] },
      options: { responsive: true, maintainAspectRatio: false, animation: false,
                 interaction: { mode: "index", intersect: false },
                 plugins: { legend: { position: "bottom" } },
                 scales: { x: { ticks: { maxTicksLimit: 6 } },
                           y: { min: 1, max: 5, title: { display: true, text: "Readiness (1-5)" } } } }
    });
  }
  function draw() {
    drawLoad();
    drawReadiness();
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
                   scales: { x: { title: { display: true, text: "Week starting" } },
                             y: { title: { display: true, text: unit } } } }
      });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
