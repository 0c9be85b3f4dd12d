#!/bin/sh
# ensure-system-tool.sh COMMAND PACKAGE
# Installs PACKAGE with the system package manager when COMMAND is missing and we can;
# otherwise says how, and carries on (tests that need it skip locally, fail under CI).
cmd="$1"; pkg="$2"
command -v "$cmd" >/dev/null 2>&1 && exit 0
if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO=none; fi
    if [ "$SUDO" != none ]; then
        echo "ivrmaze: '$cmd' is missing; installing Debian package '$pkg'..."
        $SUDO apt-get update -qq >/dev/null 2>&1
        if DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$pkg" >/dev/null 2>&1; then
            command -v "$cmd" >/dev/null 2>&1 && exit 0
        fi
    fi
fi
if command -v brew >/dev/null 2>&1; then
    echo "ivrmaze: '$cmd' is missing; installing '$pkg' with Homebrew..."
    brew install "$pkg" >/dev/null 2>&1 && command -v "$cmd" >/dev/null 2>&1 && exit 0
fi
echo "ivrmaze: '$cmd' is not installed and could not be installed automatically."
echo "         Install it yourself: 'sudo apt-get install $pkg' (Debian/Ubuntu),"
echo "         'brew install $pkg' (macOS) or see your platform's package manager."
exit 0
