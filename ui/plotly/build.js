// Bundle entry.js as plotly.js's own build does (esbuild-config.js there), as CommonJS: the page's loader hands the
// bundle a `module` (ui/page/memory.js), so it leaves nothing on window. Run by ui/vendor.py after `npm ci`.
const {version} = require('plotly.js/package.json');

require('esbuild').buildSync({
  entryPoints: ['entry.js'], outfile: process.argv[2], bundle: true, format: 'cjs', minify: true, target: 'es2016',
  define: {global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false'},
  alias: {stream: 'stream-browserify'},
  loader: {'.css': 'empty'},  // maplibre's stylesheet, which only map traces use
  legalComments: 'none', logLevel: 'warning',
  banner: {js: `/* plotly.js v${version} (scatter, bar, heatmap, contour; MIT licence), built by ui/plotly/build.js */`},
});
