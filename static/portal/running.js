/* The progress page's running charts: weekly distance by run type (stacked bars) with the
   long run as a line, weekly time by run type, and the pace of easy and of tempo/interval
   runs (faster is higher). Data comes from the page (json_script "running-data"). */
(function () {
  "use strict";
  var COLOURS = ["#8fb8a8", "#b8d8c8", "#0b6e4f", "#e0a458", "#c0392b", "#6c4f9e", "#34495e"];
  function clock(seconds) {
    if (seconds === null || seconds === undefined) return "";
    var m = Math.floor(seconds / 60);
    var s = Math.round(seconds % 60);
    return m + ":" + (s < 10 ? "0" : "") + s;
  }
  function stacked(canvas, labels, datasets, title) {
    return new Chart(canvas, {
      data: { labels: labels, datasets: datasets },
      options: { responsive: true, maintainAspectRatio: false, animation: false,
                 interaction: { mode: "index", intersect: false },
                 plugins: { legend: { position: "bottom" } },
                 scales: { x: { stacked: true, ticks: { maxTicksLimit: 6 } },
                           y: { stacked: true, title: { display: true, text: title } } } }
    });
  }
  function draw() {
    var node = document.getElementById("running-data");
    if (!node || typeof Chart === "undefined") return;
    var data = JSON.parse(node.textContent);
    var distance = document.getElementById("run-distance-chart");
    if (distance) {
      var sets = data.types.map(function (t, i) {
        return { type: "bar", label: t.label, data: t.distance, stack: "d",
                 backgroundColor: COLOURS[i % COLOURS.length], order: 2 };
      });
      sets.push({ type: "line", label: "Long run (" + data.unit + ")", data: data["long"],
                  borderColor: "#1f3a93", backgroundColor: "#1f3a93", spanGaps: true,
                  pointRadius: 4, order: 1 });
      stacked(distance, data.labels, sets, "Distance (" + data.unit + ")");
    }
    var time = document.getElementById("run-time-chart");
    if (time) {
      stacked(time, data.labels, data.types.map(function (t, i) {
        return { type: "bar", label: t.label, data: t.minutes, stack: "t",
                 backgroundColor: COLOURS[i % COLOURS.length] };
      }), "Time (min)");
    }
    var pace = document.getElementById("run-pace-chart");
    if (pace) {
      new Chart(pace, {
        type: "line",
        data: { labels: data.labels, datasets: [
          { label: "Easy", data: data.easy_pace, borderColor: "#0b6e4f",
            backgroundColor: "#0b6e4f", spanGaps: true, pointRadius: 3 },
          { label: "Tempo and intervals", data: data.quality_pace, borderColor: "#c0392b",
            backgroundColor: "#c0392b", borderDash: [6, 4], spanGaps: true, pointRadius: 3 }
        ] },
        options: { responsive: true, maintainAspectRatio: false, animation: false,
                   interaction: { mode: "index", intersect: false },
                   plugins: { legend: { position: "bottom" },
                              tooltip: { callbacks: { label: function (ctx) {
                                return ctx.dataset.label + ": " + clock(ctx.parsed.y) +
                                  " min/" + data.unit;
                              } } } },
                   scales: { x: { ticks: { maxTicksLimit: 6 } },
                             y: { reverse: true,
                                  title: { display: true, text: "Pace (min/" + data.unit + ")" },
                                  ticks: { callback: function (v) { return clock(v); } } } } }
      });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
