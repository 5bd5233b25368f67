#!/bin/sh
# Run a command with a real Secret Service: a private D-Bus session and an unlocked
# gnome-keyring whose files live in a throwaway directory, so tests never touch the user's
# own keychain. Usage: sh scripts/with-keyring.sh <command> [args...]
set -eu
if [ -n "${SCROBBLETRAY_KEYRING_READY:-}" ]; then exec "$@"; fi
for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "with-keyring: $tool missing; run: sudo apt-get install -y dbus-x11 gnome-keyring libsecret-tools" >&2
    exit 1
  fi
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/scrobbletray-keyring.XXXXXX")
mkdir -p "$tmp/data" "$tmp/runtime" "$tmp/config" "$tmp/cache"
chmod 700 "$tmp/runtime"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
export XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/runtime" XDG_CONFIG_HOME="$tmp/config"
export XDG_CACHE_HOME="$tmp/cache"
export SCROBBLETRAY_KEYRING_READY=1
# The inner shell starts gnome-keyring in the foreground (as its own background job, so its
# PID is known and it can be stopped afterwards: `--unlock` alone daemonizes and prints no PID),
# unlocking a fresh login keyring with password "test". It then waits until the daemon owns
# org.freedesktop.secrets: a client that came first would make D-Bus activate a second,
# locked daemon, and keytar would fail with "Object does not exist at path .../login".
dbus-run-session -- sh -c '
  printf test | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
  keyring_pid=$!
  tries=0
  until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
      grep -q "boolean true"; do
    tries=$((tries + 1))
    if [ "$tries" -ge 100 ] || ! kill -0 "$keyring_pid" 2>/dev/null; then
      echo "with-keyring: gnome-keyring-daemon did not start" >&2
      kill "$keyring_pid" 2>/dev/null || true
      exit 1
    fi
    sleep 0.1
  done
  status=0
  "$@" || status=$?
  kill "$keyring_pid" 2>/dev/null || true
  wait "$keyring_pid" 2>/dev/null || true
  exit $status
' with-keyring "$@"
