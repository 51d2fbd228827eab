# What the site checks need, installed when missing; sourced by run.sh and
# vnu-without-git.sh. Expects HERE (this folder); NEED_CHROMIUM=0 skips the browser.
# Exits the calling script with status 2 when an install fails.
SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

apt_install() { # apt_install PKG...: install, running apt-get update only if the first try fails
  local log
  log="$(mktemp)"
  if ! $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >"$log" 2>&1; then
    echo "site-checks: apt-get install $* failed, running apt-get update and retrying"
    if ! { $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update &&
           $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"; } >"$log" 2>&1; then
      tail -n 30 "$log"
      rm -f "$log"
      return 1
    fi
  fi
  rm -f "$log"
}

# --- installs ----------------------------------------------------------------
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ "${NEED_CHROMIUM:-1}" != 0 ] && [ ! -x "$CHROMIUM" ]; then
  echo "site-checks: installing chromium (apt)"
  apt_install chromium || { echo "site-checks: could not install chromium" >&2; exit 2; }
  [ -x "$CHROMIUM" ] || CHROMIUM=/usr/bin/chromium
fi
if ! command -v java >/dev/null 2>&1; then
  echo "site-checks: installing Java (apt)"
  apt_install default-jre-headless || { echo "site-checks: could not install java" >&2; exit 2; }
fi
# npm ci only when node_modules does not match package-lock.json yet.
# --ignore-scripts: vnu-jar's postinstall would try to download its own Java
# from GitHub (not reachable); we use the installed Java instead.
if ! cmp -s "$HERE/package-lock.json" "$HERE/node_modules/.site-checks-lock" 2>/dev/null; then
  echo "site-checks: npm ci"
  npmlog="$(mktemp)"
  if ! (cd "$HERE" && npm ci --ignore-scripts --no-audit --no-fund) >"$npmlog" 2>&1; then
    cat "$npmlog"
    rm -f "$npmlog"
    echo "site-checks: npm ci failed" >&2
    exit 2
  fi
  rm -f "$npmlog"
  cp "$HERE/package-lock.json" "$HERE/node_modules/.site-checks-lock"
fi
