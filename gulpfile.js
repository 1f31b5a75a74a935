// Copies the node and credential icons (and codex files) next to the compiled JavaScript,
// where n8n's package loader looks for them.
const { src, dest } = require('gulp');

function copyAssets() {
	return src(['nodes/**/*.{svg,png,json}', 'credentials/**/*.{svg,png}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:icons'] = copyAssets;
exports.default = copyAssets;
