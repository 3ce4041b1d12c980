// plotly.js with the traces the pages draw: scatter (in the core), bar, heatmap and contour. npm's cartesian bundle
// holds eight more kinds and a calendar component, and took Chromium 3-4 times as long to evaluate on a cold load.
var Plotly = require('plotly.js/lib/core');

Plotly.register([require('plotly.js/lib/bar'), require('plotly.js/lib/heatmap'), require('plotly.js/lib/contour')]);

module.exports = Plotly;
