// n8n finds this package's node and credential through the "n8n" block of package.json
// (dist/...), not through a main module; this file is not part of the published tarball.
module.exports = {};
