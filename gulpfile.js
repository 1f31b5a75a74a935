// Copies what n8n's package loader reads next to the compiled JavaScript: the node and
// credential icons and codex files (build:icons), and the output schemas (build:schemas).
const { parallel, src, dest } = require('gulp');

function copyAssets() {
	return src(
		['nodes/**/*.{svg,png,json}', '!nodes/**/__schema__/**', 'credentials/**/*.{svg,png}'],
		{
			base: '.',
			encoding: false,
		},
	).pipe(dest('dist'));
}

// n8n serves nodes/<Node>/__schema__/v<major.minor.patch>/<resource>/<operation>.json (and, for a
// node without resource/operation such as the trigger, __schema__/v<version>.json) from beside
// the built node file: the editor shows them before a run, n8n's AI builder reads them.
function copySchemas() {
	return src(['nodes/**/__schema__/**/*.json'], { base: '.' }).pipe(dest('dist'));
}

exports['build:icons'] = copyAssets;
exports['build:schemas'] = copySchemas;
exports.default = parallel(copyAssets, copySchemas);
